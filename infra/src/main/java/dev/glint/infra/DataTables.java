package dev.glint.infra;

import java.util.List;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The two DynamoDB tables: "main" (accounts, emails, recipients, aggregates) and "events" (one item per hit).
 * On-demand, PITR on, TTL on {@value #TTL_ATTRIBUTE} (late: readers filter expired items themselves).
 */
public final class DataTables extends Construct {
    public static final String TTL_ATTRIBUTE = "expiresAt";
    private final Table main;
    private final Table events;

    public DataTables(Construct scope, String id, DataTablesProps props) {
        super(scope, id);
        main = table("Main", props);
        main.addGlobalSecondaryIndex(gsi1());

        events = table("Events", props);
        events.addLocalSecondaryIndex(LocalSecondaryIndexProps.builder()
                .indexName("lsi1").sortKey(string("lsi1sk")).projectionType(ProjectionType.ALL).build());
        events.addGlobalSecondaryIndex(gsi1());
    }

    public ITable main() {
        return main;
    }

    public ITable events() {
        return events;
    }

    /** Item reads and writes on both tables and their indexes, nothing else. */
    public void grantReadWriteData(IGrantable grantee) {
        main.grantReadWriteData(grantee);
        events.grantReadWriteData(grantee);
    }

    /** Exactly these item actions (e.g. {@code dynamodb:GetItem}) on both tables and their indexes. */
    public void grantItemActions(IGrantable grantee, List<String> actions) {
        main.grant(grantee, actions.toArray(String[]::new));
        events.grant(grantee, actions.toArray(String[]::new));
    }

    private Table table(String id, DataTablesProps props) {
        return Table.Builder.create(this, id)
                .partitionKey(string("pk"))
                .sortKey(string("sk"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .removalPolicy(props.removalPolicy())
                .build();
    }

    private static GlobalSecondaryIndexProps gsi1() {
        return GlobalSecondaryIndexProps.builder()
                .indexName("gsi1").partitionKey(string("gsi1pk")).sortKey(string("gsi1sk"))
                .projectionType(ProjectionType.ALL).build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
