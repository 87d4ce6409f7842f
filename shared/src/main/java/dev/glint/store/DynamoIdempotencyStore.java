package dev.glint.store;

import static dev.glint.store.DynamoEmailStore.s;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;
import static dev.glint.store.StatsCodec.n;

import dev.glint.model.IdempotencyClaim;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link IdempotencyStore} on the main table: one {@code IDEM#account#sha256} item per key, kept by TTL. */
public final class DynamoIdempotencyStore implements IdempotencyStore {
    /** A refused put followed by no live item means it expired or was deleted in between: try again, a few times. */
    private static final int ATTEMPTS = 3;
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<IdempotencyClaim> claim(IdempotencyClaim claim) {
        Map<String, AttributeValue> key = Map.of(
                PK, s(Keys.idempotencyKey(claim.accountId(), claim.keyHash())), SK, s(Keys.IDEM));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                // An item past expiresAt may still be there (TTL deletes late): it is overwritten, not obeyed.
                dynamo.putItem(b -> b.tableName(table)
                        .item(Map.of(
                                PK, key.get(PK), SK, key.get(SK),
                                "emailId", s(claim.emailId()),
                                "requestHash", s(claim.requestHash()),
                                "createdAt", n(claim.createdAt().toEpochMilli()),
                                Keys.EXPIRES_AT, n(claim.expiresAt().getEpochSecond())))
                        .conditionExpression("attribute_not_exists(#p) OR #e <= :now")
                        .expressionAttributeNames(Map.of("#p", PK, "#e", Keys.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":now", n(claim.createdAt().getEpochSecond()))));
                return Optional.empty();
            } catch (ConditionalCheckFailedException e) {
                Optional<IdempotencyClaim> held = find(key, claim).filter(c -> c.liveAt(claim.createdAt()));
                if (held.isPresent()) {
                    return held;
                }
            }
        }
        throw new IllegalStateException("the idempotency key was neither free nor held after " + ATTEMPTS + " attempts");
    }

    @Override
    public void release(IdempotencyClaim claim) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(Keys.idempotencyKey(claim.accountId(), claim.keyHash())), SK, s(Keys.IDEM)))
                    .conditionExpression("emailId = :id")
                    .expressionAttributeValues(Map.of(":id", s(claim.emailId()))));
        } catch (ConditionalCheckFailedException e) {
            // another claim holds the key now (ours expired), or it is gone: either way not ours to free
        }
    }

    private Optional<IdempotencyClaim> find(Map<String, AttributeValue> key, IdempotencyClaim asked) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyClaim(asked.accountId(), asked.keyHash(),
                item.get("emailId").s(),
                item.get("requestHash").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())),
                Instant.ofEpochSecond(Long.parseLong(item.get(Keys.EXPIRES_AT).n()))));
    }
}
