package dev.glint.store;

import static dev.glint.store.DynamoEmailStore.s;
import static dev.glint.store.Keys.EXPIRES_AT;
import static dev.glint.store.Keys.GSI1_PK;
import static dev.glint.store.Keys.GSI1_SK;
import static dev.glint.store.Keys.LSI1;
import static dev.glint.store.Keys.LSI1_SK;
import static dev.glint.store.Keys.PK;
import static dev.glint.store.Keys.SK;
import static dev.glint.store.StatsCodec.n;

import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Json;
import dev.glint.model.Page;
import dev.glint.model.TrackingEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link EventStore} on the events table. Every event of an email expires at the same time, a
 * grace period after the email's tokens do: no event is deleted while new ones can still
 * arrive, so aggregates recomputed from events never lose history.
 *
 * <p>Keys Key: {@code EMAIL#id} / {@code millis#hitId}, so a
 * redelivered hit maps to the same item; LSI {@code R#nnnnn#millis#hitId} per recipient; GSI
 * {@code ACCT#id} / {@code millis#hitId} for an account-wide feed.
 */
public final class DynamoEventStore implements EventStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoEventStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean putIfAbsent(TrackingEvent e) {
        String sortKey = String.format("%013d#%s", e.at().toEpochMilli(), e.hitId());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Keys.email(e.emailId())));
        item.put(SK, s(sortKey));
        item.put(LSI1_SK, s(Keys.recipientEvents(e.recipient()) + sortKey));
        item.put(GSI1_PK, s(Keys.account(e.accountId())));
        item.put(GSI1_SK, s(sortKey));
        item.put("hitId", s(e.hitId()));
        item.put("accountId", s(e.accountId()));
        item.put("emailId", s(e.emailId()));
        item.put("recipient", n(e.recipient()));
        item.put("type", s(e.type().wire()));
        item.put("at", n(e.at().toEpochMilli()));
        item.put("link", n(e.link()));
        if (e.destination() != null) {
            item.put("destination", s(e.destination()));
        }
        item.put("method", s(e.method()));
        item.put("ip", s(e.ip()));
        item.put("userAgent", s(e.userAgent()));
        Map<String, AttributeValue> headers = new HashMap<>();
        e.headers().forEach((k, v) -> headers.put(k, s(v)));
        item.put("headers", AttributeValue.fromM(headers));
        item.put("trackingEndsAt", n(e.trackingEndsAt().getEpochSecond()));
        item.put(EXPIRES_AT, n(e.trackingEndsAt().plus(Keys.KEPT_AFTER_TRACKING).getEpochSecond()));
        item.put("verdict", s(e.insight().verdict().wire()));
        item.put("insight", s(Json.write(e.insight())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public List<TrackingEvent> recipientEvents(String emailId, int recipient) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(LSI1).consistentRead(true)
                .keyConditionExpression("#p = :p AND begins_with(#s, :r)")
                .expressionAttributeNames(Map.of("#p", PK, "#s", LSI1_SK))
                .expressionAttributeValues(Map.of(":p", s(Keys.email(emailId)), ":r", s(Keys.recipientEvents(recipient))))
                .build();
        List<TrackingEvent> out = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(item -> out.add(event(item)));
        return out;
    }

    @Override
    public Page<TrackingEvent> emailEvents(
            String emailId, Optional<Integer> recipient, Optional<EventType> type, Optional<String> cursor, int limit) {
        String partition = Keys.email(emailId);
        Map<String, String> names = new HashMap<>(Map.of("#p", PK, "#x", EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":p", s(partition), ":now", n(clock.instant().getEpochSecond())));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).limit(limit);
        if (recipient.isPresent()) {
            query.indexName(LSI1).keyConditionExpression("#p = :p AND begins_with(#s, :r)");
            names.put("#s", LSI1_SK);
            values.put(":r", s(Keys.recipientEvents(recipient.get())));
        } else {
            query.keyConditionExpression("#p = :p");
        }
        // TTL deletes lag by up to days: expired events are filtered on read.
        String filter = "#x > :now";
        if (type.isPresent()) {
            filter += " AND #t = :t";
            names.put("#t", "type");
            values.put(":t", s(type.get().wire()));
        }
        query.filterExpression(filter).expressionAttributeNames(names).expressionAttributeValues(values);
        cursor.ifPresent(c -> query.exclusiveStartKey(Cursor.decode(c, PK, partition)));
        QueryResponse page = dynamo.query(query.build());
        return new Page<>(page.items().stream().map(DynamoEventStore::event).toList(),
                Cursor.encode(page.lastEvaluatedKey()));
    }

    private static TrackingEvent event(Map<String, AttributeValue> item) {
        Map<String, String> headers = new HashMap<>();
        AttributeValue h = item.get("headers");
        if (h != null && h.hasM()) {
            h.m().forEach((k, v) -> headers.put(k, v.s()));
        }
        AttributeValue destination = item.get("destination");
        return new TrackingEvent(
                item.get("hitId").s(),
                item.get("accountId").s(),
                item.get("emailId").s(),
                Integer.parseInt(item.get("recipient").n()),
                EventType.parse(item.get("type").s()),
                Instant.ofEpochMilli(Long.parseLong(item.get("at").n())),
                Integer.parseInt(item.get("link").n()),
                destination == null ? null : destination.s(),
                item.get("method").s(),
                item.get("ip").s(),
                item.get("userAgent").s(),
                headers,
                Instant.ofEpochSecond(Long.parseLong(item.get("trackingEndsAt").n())),
                Json.read(item.get("insight").s(), HitInsight.class));
    }
}
