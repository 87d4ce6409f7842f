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

import dev.glint.classify.Verdict;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Json;
import dev.glint.model.Page;
import dev.glint.model.TrackingEvent;
import dev.glint.model.VerdictChange;
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
 * {@link EventStore} on the events table. Every event of an email expires at the same time, a
 * grace period after the email's tokens do: no event is deleted while new ones can still
 * arrive, so aggregates recomputed from events never lose history.
 *
 * <p>Keys Key: {@code EMAIL#id} / {@code millis#hitId}, so a
 * redelivered hit maps to the same item; LSI {@code R#nnnnn#millis#hitId} per recipient; GSI
 * {@code ACCT#id} / {@code millis#hitId} for an account-wide feed.
 */
public final class DynamoEventStore implements EventStore {
    private static final String REVISION = "revision";
    private static final String HISTORY = "history";
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
        String sortKey = sortKey(e);
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
        item.put(REVISION, n(0));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public boolean relabel(TrackingEvent e, Verdict verdict, List<String> reasons, Instant at) {
        HitInsight was = e.insight();
        HitInsight now = new HitInsight(verdict, reasons, was.client(), was.device(), was.geo());
        List<AttributeValue> history = new ArrayList<>();
        for (VerdictChange change : e.history()) {
            history.add(change(change));
        }
        history.add(change(new VerdictChange(was.verdict(), was.reasons(), at)));
        // Items stored before revisions existed have none: they are at revision 0.
        String current = e.revision() == 0 ? "(attribute_not_exists(#r) OR #r = :r)" : "#r = :r";
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(Keys.email(e.emailId())), SK, s(sortKey(e))))
                    .updateExpression("SET #v = :v, insight = :i, #h = :h, #r = :next")
                    .conditionExpression("attribute_exists(pk) AND " + current)
                    .expressionAttributeNames(Map.of("#v", "verdict", "#h", HISTORY, "#r", REVISION))
                    .expressionAttributeValues(Map.of(":v", s(verdict.wire()), ":i", s(Json.write(now)),
                            ":h", AttributeValue.fromL(history), ":r", n(e.revision()), ":next", n(e.revision() + 1))));
            return true;
        } catch (ConditionalCheckFailedException concurrent) {
            return false;
        }
    }

    private static String sortKey(TrackingEvent e) {
        return String.format("%013d#%s", e.at().toEpochMilli(), e.hitId());
    }

    private static AttributeValue change(VerdictChange change) {
        return AttributeValue.fromM(Map.of(
                "verdict", s(change.verdict().wire()),
                "reasons", AttributeValue.fromL(change.reasons().stream().map(DynamoEmailStore::s).toList()),
                "at", n(change.at().toEpochMilli())));
    }

    private static List<VerdictChange> history(Map<String, AttributeValue> item) {
        AttributeValue h = item.get(HISTORY);
        if (h == null || !h.hasL()) {
            return List.of();
        }
        List<VerdictChange> out = new ArrayList<>(h.l().size());
        for (AttributeValue v : h.l()) {
            Map<String, AttributeValue> m = v.m();
            out.add(new VerdictChange(Verdict.fromWire(m.get("verdict").s()).orElseThrow(),
                    m.get("reasons").l().stream().map(AttributeValue::s).toList(),
                    Instant.ofEpochMilli(Long.parseLong(m.get("at").n()))));
        }
        return out;
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
        cursor.ifPresent(c -> query.exclusiveStartKey(Cursor.decode(c,
                recipient.isPresent() ? Set.of(PK, SK, LSI1_SK) : Set.of(PK, SK), PK, partition)));
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
        AttributeValue revision = item.get(REVISION);
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
                Json.read(item.get("insight").s(), HitInsight.class),
                revision == null ? 0 : Integer.parseInt(revision.n()),
                history(item));
    }
}
