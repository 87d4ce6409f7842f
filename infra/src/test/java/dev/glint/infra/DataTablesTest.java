package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Both tables: on demand, recoverable to any second (PITR), expiring items by TTL, kept when the stack goes. */
class DataTablesTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
    }

    @Test
    void everyTableHasPitrAndTtlOnExpiresAt() {
        // GIVEN the synthesized stack
        // WHEN we read each table
        Map<String, Map<String, Object>> tables = template.findResources("AWS::DynamoDB::Table");
        // THEN both are on demand with PITR and a TTL on expiresAt
        assertEquals(2, tables.size());
        tables.forEach((id, table) -> {
            Map<String, Object> props = TemplateJson.properties(table);
            assertEquals("PAY_PER_REQUEST", props.get("BillingMode"), id);
            assertEquals(true, TemplateJson.path(props, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"), id);
            assertEquals(Map.of("AttributeName", "expiresAt", "Enabled", true), props.get("TimeToLiveSpecification"), id);
        });
    }

    @Test
    void tablesAreRetainedWhenTheStackDropsThem() {
        // GIVEN the synthesized stack
        // WHEN we read each table's policies
        // THEN neither deletion nor replacement deletes data
        template.findResources("AWS::DynamoDB::Table").forEach((id, table) -> {
            assertEquals("Retain", table.get("DeletionPolicy"), id);
            assertEquals("Retain", table.get("UpdateReplacePolicy"), id);
        });
    }

    @Test
    void mainTableHasItsKeysAndGsi1() {
        // GIVEN the synthesized stack
        // WHEN we look for the main table (no local index)
        // THEN it is keyed pk/sk with gsi1 on gsi1pk/gsi1sk projecting everything
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", keys("pk", "sk"),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "gsi1", "KeySchema", keys("gsi1pk", "gsi1sk"), "Projection", all())),
                "LocalSecondaryIndexes", Match.absent()));
    }

    @Test
    void eventsTableHasLsi1AndGsi1() {
        // GIVEN the synthesized stack
        // WHEN we look for the events table
        // THEN it is keyed pk/sk with lsi1 sorted by lsi1sk and gsi1 on gsi1pk/gsi1sk
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", keys("pk", "sk"),
                "LocalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "lsi1", "KeySchema", keys("pk", "lsi1sk"), "Projection", all())),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "gsi1", "KeySchema", keys("gsi1pk", "gsi1sk"), "Projection", all())),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "lsi1sk", "AttributeType", "S"),
                        Map.of("AttributeName", "gsi1pk", "AttributeType", "S")))));
    }

    private static List<Map<String, String>> keys(String hash, String range) {
        return List.of(Map.of("AttributeName", hash, "KeyType", "HASH"), Map.of("AttributeName", range, "KeyType", "RANGE"));
    }

    private static Map<String, String> all() {
        return Map.of("ProjectionType", "ALL");
    }
}
