package dev.glint.store;

import static dev.glint.store.DynamoEmailStore.s;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link ApiKeyStore} on the main table: one {@code KEY#sha256} item per key. */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> accountFor(String keyHash) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(PK, s(Keys.apiKey(keyHash)), SK, s("KEY")))).item();
        if (item == null || item.isEmpty() || !"active".equals(item.get("status").s())) {
            return Optional.empty();
        }
        return Optional.of(item.get("accountId").s());
    }

    @Override
    public void put(String keyHash, String accountId, String name) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                PK, s(Keys.apiKey(keyHash)), SK, s("KEY"),
                "accountId", s(accountId), "name", s(name), "status", s("active"),
                "createdAt", StatsCodec.n(System.currentTimeMillis()))));
    }
}
