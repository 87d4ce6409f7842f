package dev.glint.store;

import static dev.glint.store.Keys.GSI1;
import static dev.glint.store.Keys.GSI1_PK;
import static dev.glint.store.Keys.GSI1_SK;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;

import dev.glint.model.Sender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@link SenderStore} in the main table: one item per address, listed per account through GSI1. */
public final class DynamoSenderStore implements SenderStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSenderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean put(Sender sender) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Keys.sender(sender.address())));
        item.put(SK, s(Keys.SENDER));
        item.put(GSI1_PK, s(Keys.accountSenders(sender.accountId())));
        item.put(GSI1_SK, s(sender.address()));
        item.put("address", s(sender.address()));
        item.put("accountId", s(sender.accountId()));
        item.put("trackOpens", AttributeValue.fromBool(sender.trackOpens()));
        item.put("trackClicks", AttributeValue.fromBool(sender.trackClicks()));
        item.put("readReceipts", AttributeValue.fromBool(sender.readReceipts()));
        item.put("createdAt", AttributeValue.fromN(Long.toString(sender.createdAt().toEpochMilli())));
        if (sender.attachmentLinks() != null) {
            item.put("attachmentLinks", s(sender.attachmentLinks().wire()));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR accountId = :a")
                    .expressionAttributeValues(Map.of(":a", s(sender.accountId()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Sender> find(String address) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(Keys.sender(Sender.normalize(address))), SK, s(Keys.SENDER)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public List<Sender> list(String accountId) {
        List<Sender> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(GSI1)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", GSI1_PK))
                    .expressionAttributeValues(Map.of(":p", s(Keys.accountSenders(accountId))))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> out.add(read(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public boolean delete(String accountId, String address) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(Keys.sender(Sender.normalize(address))), SK, s(Keys.SENDER)))
                    .conditionExpression("accountId = :a")
                    .expressionAttributeValues(Map.of(":a", s(accountId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Sender read(Map<String, AttributeValue> item) {
        return new Sender(item.get("address").s(), item.get("accountId").s(), bool(item, "trackOpens"),
                bool(item, "trackClicks"), bool(item, "readReceipts"),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())),
                item.containsKey("attachmentLinks")
                        ? dev.glint.model.Attachment.Mode.fromWire(item.get("attachmentLinks").s()).orElse(null) : null);
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
