package dev.glint.store;

import static dev.glint.store.Keys.GSI1_PK;
import static dev.glint.store.Keys.GSI1_SK;
import static dev.glint.store.Keys.META;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;
import static dev.glint.store.StatsCodec.n;

import dev.glint.model.AttachedFile;
import dev.glint.model.Attachment;
import dev.glint.model.EmailRecord;
import dev.glint.model.Page;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** {@link EmailStore} on the main table: META and RCPT#n items under {@code EMAIL#id}. */
public final class DynamoEmailStore implements EmailStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoEmailStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(EmailRecord email, List<RecipientRecord> recipients) {
        String pk = Keys.email(email.id());
        AttributeValue expiresAt = n(email.trackingEndsAt().plus(Keys.KEPT_AFTER_TRACKING).getEpochSecond());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (RecipientRecord r : recipients) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PK, s(pk));
            item.put(SK, s(Keys.recipient(r.index())));
            item.put("index", n(r.index()));
            item.put("address", s(r.address()));
            item.put("field", s(r.field()));
            item.put("status", s(r.status()));
            item.put("agg", StatsCodec.write(RecipientStats.EMPTY));
            item.put(Keys.EXPIRES_AT, expiresAt);
            items.add(item);
        }
        BatchWrites.putAll(dynamo, table, items);
        // META last: an email is listed only once every item it needs exists.
        Map<String, AttributeValue> meta = new HashMap<>();
        meta.put(PK, s(pk));
        meta.put(SK, s(META));
        meta.put(GSI1_PK, s(Keys.account(email.accountId())));
        meta.put(GSI1_SK, s(String.format("%013d#%s", email.createdAt().toEpochMilli(), email.id())));
        meta.put("id", s(email.id()));
        meta.put("accountId", s(email.accountId()));
        meta.put("from", s(email.from()));
        meta.put("subject", s(email.subject()));
        meta.put("createdAt", n(email.createdAt().toEpochMilli()));
        meta.put("trackingEndsAt", n(email.trackingEndsAt().getEpochSecond()));
        meta.put(Keys.EXPIRES_AT, expiresAt);
        meta.put("recipientCount", n(email.recipientCount()));
        meta.put("trackOpens", AttributeValue.fromBool(email.trackOpens()));
        meta.put("trackClicks", AttributeValue.fromBool(email.trackClicks()));
        meta.put("links", AttributeValue.fromL(email.links().stream().map(DynamoEmailStore::s).toList()));
        if (!email.attachments().isEmpty()) {
            meta.put("attachments", AttributeValue.fromL(email.attachments().stream().map(DynamoEmailStore::file).toList()));
        }
        dynamo.putItem(b -> b.tableName(table).item(meta));
    }

    @Override
    public Optional<EmailRecord> find(String emailId) {
        return MainTableReads.meta(dynamo, table, Keys.email(emailId)).map(DynamoEmailStore::email);
    }

    @Override
    public Page<EmailRecord> list(String accountId, Optional<String> cursor, int limit) {
        return MainTableReads.newestFirst(dynamo, table, Keys.account(accountId), cursor, limit, DynamoEmailStore::email);
    }

    @Override
    public List<RecipientRecord> recipients(String emailId) {
        List<RecipientRecord> out = new ArrayList<>();
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#p = :p AND begins_with(#s, :r)")
                .expressionAttributeNames(Map.of("#p", PK, "#s", SK))
                .expressionAttributeValues(Map.of(":p", s(Keys.email(emailId)), ":r", s("RCPT#")))
                .build();
        dynamo.queryPaginator(query).items().forEach(item -> out.add(recipient(item)));
        return out;
    }

    @Override
    public void markSent(String emailId, int recipient, String messageId, Instant sentAt) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, s(Keys.email(emailId)), SK, s(Keys.recipient(recipient))))
                .updateExpression("SET #st = :st, messageId = :v, sentAt = :at REMOVE #err")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#st", "status", "#err", "error"))
                .expressionAttributeValues(Map.of(":st", s("sent"), ":v", s(messageId), ":at", n(sentAt.toEpochMilli()))));
    }

    @Override
    public Optional<Instant> sentAt(String emailId, int recipient) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(PK, s(Keys.email(emailId)), SK, s(Keys.recipient(recipient))))
                .projectionExpression("sentAt")).item();
        AttributeValue at = item == null ? null : item.get("sentAt");
        return at == null || at.n() == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(at.n())));
    }

    @Override
    public void markFailed(String emailId, int recipient, String error) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, s(Keys.email(emailId)), SK, s(Keys.recipient(recipient))))
                .updateExpression("SET #st = :st, #err = :v")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#st", "status", "#err", "error"))
                .expressionAttributeValues(Map.of(":st", s("failed"), ":v", s(error))));
    }

    @Override
    public void foldRecipient(String emailId, int recipient, RecipientStats stats) {
        ifNewer(() -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, s(Keys.email(emailId)), SK, s(Keys.recipient(recipient))))
                .updateExpression("SET agg = :s")
                .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(agg.v) OR agg.v < :v)")
                .expressionAttributeValues(Map.of(":s", StatsCodec.write(stats), ":v", n(stats.version())))));
    }

    /** A failed condition means a newer (or equal) view is already stored, or the item is gone. */
    private static void ifNewer(Runnable update) {
        try {
            update.run();
        } catch (ConditionalCheckFailedException e) {
            // nothing to do: the stored aggregate is at least as new as ours
        }
    }

    private static EmailRecord email(Map<String, AttributeValue> item) {
        return new EmailRecord(
                str(item, "id"),
                str(item, "accountId"),
                str(item, "from"),
                str(item, "subject"),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())),
                Instant.ofEpochSecond(Long.parseLong(item.get("trackingEndsAt").n())),
                Integer.parseInt(item.get("recipientCount").n()),
                Boolean.TRUE.equals(item.get("trackOpens").bool()),
                Boolean.TRUE.equals(item.get("trackClicks").bool()),
                item.containsKey("links") ? item.get("links").l().stream().map(AttributeValue::s).toList() : List.of(),
                item.containsKey("attachments")
                        ? item.get("attachments").l().stream().map(v -> file(v.m())).toList() : List.of());
    }

    private static AttributeValue file(AttachedFile f) {
        return AttributeValue.fromM(Map.of("id", s(f.id()), "filename", s(f.filename()), "size", n(f.size()),
                "contentType", s(f.contentType()), "mode", s(f.mode().wire())));
    }

    private static AttachedFile file(Map<String, AttributeValue> m) {
        return new AttachedFile(str(m, "id"), str(m, "filename"), Long.parseLong(m.get("size").n()),
                str(m, "contentType"), Attachment.Mode.fromWire(str(m, "mode")).orElseThrow());
    }

    private static RecipientRecord recipient(Map<String, AttributeValue> item) {
        return new RecipientRecord(
                Integer.parseInt(item.get("index").n()),
                str(item, "address"),
                str(item, "field"),
                str(item, "status"),
                optStr(item, "messageId"),
                optStr(item, "error"),
                StatsCodec.read(item.get("agg")));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    private static @Nullable String optStr(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
