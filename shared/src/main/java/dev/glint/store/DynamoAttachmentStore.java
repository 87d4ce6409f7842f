package dev.glint.store;

import static dev.glint.store.Keys.GSI1_PK;
import static dev.glint.store.Keys.GSI1_SK;
import static dev.glint.store.Keys.META;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;

import dev.glint.model.Attachment;
import dev.glint.model.Page;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link AttachmentStore} in the main table: {@code ATT#id / META}, listed per account through GSI1. */
public final class DynamoAttachmentStore implements AttachmentStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAttachmentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Attachment a) {
        dynamo.putItem(b -> b.tableName(table).item(item(a)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Attachment> find(String attachmentId) {
        return MainTableReads.meta(dynamo, table, Keys.attachment(attachmentId)).map(DynamoAttachmentStore::attachment);
    }

    @Override
    public Page<Attachment> list(String accountId, Optional<String> cursor, int limit) {
        return MainTableReads.newestFirst(dynamo, table, Keys.accountAttachments(accountId), cursor, limit, DynamoAttachmentStore::attachment);
    }

    @Override
    public boolean update(Attachment a, Attachment.Status expected) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(a))
                    .conditionExpression("attribute_exists(pk) AND #st = :expected AND accountId = :a")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":expected", s(expected.wire()), ":a", s(a.accountId()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Attachment a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Keys.attachment(a.id())));
        item.put(SK, s(META));
        item.put(GSI1_PK, s(Keys.accountAttachments(a.accountId())));
        item.put(GSI1_SK, s(String.format("%013d#%s", a.createdAt().toEpochMilli(), a.id())));
        item.put("id", s(a.id()));
        item.put("accountId", s(a.accountId()));
        item.put("filename", s(a.filename()));
        item.put("size", n(a.size()));
        item.put("contentType", s(a.contentType()));
        item.put("mode", s(a.mode().wire()));
        time(item, "expiresAt", a.expiresAt());
        item.put("status", s(a.status().wire()));
        if (a.sha256() != null) {
            item.put("sha256", s(a.sha256()));
        }
        item.put("createdAt", n(a.createdAt().toEpochMilli()));
        item.put("objectKey", s(a.objectKey()));
        Map<String, AttributeValue> preview = new HashMap<>();
        preview.put("kind", s(a.preview().kind()));
        preview.put("pages", n(a.preview().pages()));
        if (a.preview().key() != null) {
            preview.put("key", s(a.preview().key()));
        }
        if (a.preview().unavailable() != null) {
            preview.put("unavailable", s(a.preview().unavailable()));
        }
        item.put("preview", AttributeValue.fromM(preview));
        if (a.rejection() != null) {
            item.put("rejection", s(a.rejection()));
        }
        return item;
    }

    private static Attachment attachment(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> p = item.get("preview").m();
        return new Attachment(item.get("id").s(), item.get("accountId").s(), item.get("filename").s(),
                Long.parseLong(item.get("size").n()), item.get("contentType").s(),
                Attachment.Mode.fromWire(item.get("mode").s()).orElseThrow(),
                time(item, "expiresAt"), Attachment.Status.fromWire(item.get("status").s()), string(item, "sha256"),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())), item.get("objectKey").s(),
                new Attachment.Preview(p.get("kind").s(), string(p, "key"), Integer.parseInt(p.get("pages").n()),
                        string(p, "unavailable")),
                string(item, "rejection"));
    }

    private static @Nullable String string(Map<String, AttributeValue> m, String key) {
        AttributeValue v = m.get(key);
        return v == null ? null : v.s();
    }

    private static void time(Map<String, AttributeValue> m, String key, @Nullable Instant at) {
        if (at != null) {
            m.put(key, n(at.toEpochMilli()));
        }
    }

    private static @Nullable Instant time(Map<String, AttributeValue> m, String key) {
        AttributeValue v = m.get(key);
        return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v.n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
