package dev.glint.store;

import static dev.glint.store.Keys.GSI1;
import static dev.glint.store.Keys.GSI1_PK;
import static dev.glint.store.Keys.GSI1_SK;
import static dev.glint.store.Keys.META;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;

import dev.glint.model.Page;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The two reads every top-level item of the main table has: its META item, and its account's listing on GSI1. */
final class MainTableReads {
    private MainTableReads() {}

    /** The {@code META} item of {@code pk}, read consistently. */
    static Optional<Map<String, AttributeValue>> meta(DynamoDbClient dynamo, String table, String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(META)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** One page of the GSI1 partition, newest first (its sort keys start with the creation time). */
    static <T> Page<T> newestFirst(DynamoDbClient dynamo, String table, String partition, Optional<String> cursor,
            int limit, Function<Map<String, AttributeValue>, T> read) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#p = :p")
                .expressionAttributeNames(Map.of("#p", GSI1_PK))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                .scanIndexForward(false)
                .limit(limit);
        cursor.ifPresent(c -> query.exclusiveStartKey(Cursor.decode(c, Set.of(PK, SK, GSI1_PK, GSI1_SK), GSI1_PK, partition)));
        QueryResponse page = dynamo.query(query.build());
        return new Page<>(page.items().stream().map(read).toList(), Cursor.encode(page.lastEvaluatedKey()));
    }
}
