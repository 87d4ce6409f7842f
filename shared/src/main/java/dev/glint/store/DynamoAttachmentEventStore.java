package dev.glint.store;

import static dev.glint.store.Keys.EXPIRES_AT;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;

import dev.glint.model.AttachmentEvent;
import dev.glint.model.HitInsight;
import dev.glint.model.Json;
import dev.glint.model.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link AttachmentEventStore} on the events table: {@code ATT#id} / {@code millis#hitId}, no index
 * attributes (the email and account indexes hold tracking events only).
 */
public final class DynamoAttachmentEventStore implements AttachmentEventStore {
    private static final String SESSION = "SESSION#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoAttachmentEventStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean putIfAbsent(AttachmentEvent e, Instant keepUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Keys.attachment(e.attachmentId())));
        item.put(SK, s(String.format("%013d#%s", e.at().toEpochMilli(), e.hitId())));
        item.put("hitId", s(e.hitId()));
        item.put("attachmentId", s(e.attachmentId()));
        item.put("accountId", s(e.accountId()));
        item.put("emailId", s(e.emailId()));
        item.put("recipient", n(e.recipient()));
        item.put("action", s(e.action()));
        item.put("at", n(e.at().toEpochMilli()));
        Map<String, AttributeValue> detail = new HashMap<>();
        e.detail().forEach((k, v) -> detail.put(k, s(v)));
        item.put("detail", AttributeValue.fromM(detail));
        item.put("ip", s(e.ip()));
        item.put("userAgent", s(e.userAgent()));
        item.put("verdict", s(e.insight().verdict().wire()));
        item.put("insight", s(Json.write(e.insight())));
        item.put(EXPIRES_AT, n(keepUntil.getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    /**
     * One conditional update of a counter item {@code ATT#id / SESSION#<session>} holding the count
     * and the admitted hit ids (at most {@code max}, so the item stays small): no read of the log.
     */
    @Override
    public boolean admitBeacon(String attachmentId, String session, String hitId, int max, Instant keepUntil) {
        Map<String, AttributeValue> key = Map.of(PK, s(Keys.attachment(attachmentId)), SK, s(SESSION + session));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("ADD #n :one, #h :hit SET #x = :x")
                    .conditionExpression("attribute_not_exists(#n) OR (#n < :max AND NOT contains(#h, :id))")
                    .expressionAttributeNames(Map.of("#n", "beacons", "#h", "hitIds", "#x", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", n(1), ":hit", AttributeValue.fromSs(List.of(hitId)),
                            ":max", n(max), ":id", s(hitId), ":x", n(keepUntil.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
            AttributeValue ids = item == null ? null : item.get("hitIds");
            return ids != null && ids.hasSs() && ids.ss().contains(hitId); // a redelivery of a beacon already counted
        }
    }

    @Override
    public Page<AttachmentEvent> events(String attachmentId, Optional<String> cursor, int limit) {
        String partition = Keys.attachment(attachmentId);
        QueryRequest.Builder query = query(partition).limit(limit);
        cursor.ifPresent(c -> query.exclusiveStartKey(Cursor.decode(c, Set.of(PK, SK), PK, partition)));
        QueryResponse page = dynamo.query(query.build());
        return new Page<>(page.items().stream().map(DynamoAttachmentEventStore::event).toList(),
                Cursor.encode(page.lastEvaluatedKey()));
    }

    @Override
    public List<AttachmentEvent> all(String attachmentId) {
        List<AttachmentEvent> out = new ArrayList<>();
        dynamo.queryPaginator(query(Keys.attachment(attachmentId)).build()).items().forEach(i -> out.add(event(i)));
        return out;
    }

    /**
     * The partition's live lines, oldest first (TTL deletes lag: expired lines are filtered on read).
     * Lines sort by their time, digits; the session counters ({@code SESSION#…}) sort after {@code ':'}.
     */
    private QueryRequest.Builder query(String partition) {
        return QueryRequest.builder().tableName(table)
                .keyConditionExpression("#p = :p AND #s < :lines")
                .filterExpression("#x > :now")
                .expressionAttributeNames(Map.of("#p", PK, "#s", SK, "#x", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":p", s(partition), ":lines", s(":"),
                        ":now", n(clock.instant().getEpochSecond())));
    }

    private static AttachmentEvent event(Map<String, AttributeValue> item) {
        Map<String, String> detail = new HashMap<>();
        AttributeValue d = item.get("detail");
        if (d != null && d.hasM()) {
            d.m().forEach((k, v) -> detail.put(k, v.s()));
        }
        return new AttachmentEvent(item.get("hitId").s(), item.get("attachmentId").s(), item.get("accountId").s(),
                item.get("emailId").s(), Integer.parseInt(item.get("recipient").n()), item.get("action").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("at").n())), detail, item.get("ip").s(),
                item.get("userAgent").s(), Json.read(item.get("insight").s(), HitInsight.class));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
