package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.Ids;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.model.TrackingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET routes: the JSON shapes, pagination, parameter checks and the same 404 for what is not yours. */
class EmailReadRoutesTest {
    private final TestApi api = new TestApi();
    private final Instant sentAt = Instant.parse("2026-04-01T08:00:00Z");

    private EmailRecord seed(String accountId, Instant createdAt) {
        EmailRecord email = new EmailRecord(Ids.email(), accountId, "Alice <alice@example.com>", "Quarterly report",
                createdAt, createdAt.plus(Duration.ofDays(730)), 2, true, true,
                List.of("https://example.com/report", "https://example.com/unsubscribe"));
        Instant open = createdAt.plusSeconds(60);
        Instant click = createdAt.plusSeconds(120);
        RecipientStats bob = new RecipientStats(2, 1, 1, 0, open, open, click, click, Map.of(0, 1));
        List<RecipientRecord> recipients = List.of(
                new RecipientRecord(0, "bob@example.com", "to", "sent", "ses-1", null, bob),
                new RecipientRecord(1, "carol@example.com", "bcc", "failed", null, "SES refused the message", RecipientStats.EMPTY));
        api.emails.seed(email, recipients);
        return email;
    }

    private void event(EmailRecord email, String hitId, EventType type, int recipient, int link, long secondsAfter) {
        api.events.putIfAbsent(new TrackingEvent(hitId, email.accountId(), email.id(), recipient, type,
                email.createdAt().plusSeconds(secondsAfter), link, link < 0 ? null : email.links().get(link),
                type == EventType.PROBE ? "HEAD" : "GET", "203.0.113.7", "Mozilla/5.0", Map.of(), email.trackingEndsAt(),
                new dev.glint.model.HitInsight(type == EventType.PROBE ? dev.glint.classify.Verdict.SCANNER
                        : dev.glint.classify.Verdict.HUMAN, List.of("test"), "unknown",
                        dev.glint.enrich.DeviceInfo.UNKNOWN, null)));
    }

    @Test
    void getsOneEmailWithLinksAndRecipients() {
        // GIVEN an email of the caller's account
        EmailRecord email = seed(TestApi.ACCOUNT, sentAt);
        // WHEN it is requested
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails/" + email.id()).bearer(api.key));
        // THEN it comes back with ISO-8601 time, tracking flags, indexed links and recipient statuses
        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.header("Content-Type"));
        JsonNode body = answer.json();
        assertEquals(email.id(), body.path("id").asText());
        assertEquals("2026-04-01T08:00:00Z", body.path("createdAt").asText());
        assertEquals("Alice <alice@example.com>", body.path("from").asText());
        assertEquals("Quarterly report", body.path("subject").asText());
        assertEquals(2, body.path("recipientCount").asInt());
        assertTrue(body.path("tracking").path("opens").asBoolean());
        assertEquals(1, body.path("links").get(1).path("index").asInt());
        assertEquals("https://example.com/unsubscribe", body.path("links").get(1).path("url").asText());
        JsonNode carol = body.path("recipients").get(1);
        assertEquals("carol@example.com", carol.path("address").asText());
        assertEquals("bcc", carol.path("field").asText());
        assertEquals("failed", carol.path("status").asText());
        assertTrue(carol.path("messageId").isNull());
        assertEquals("SES refused the message", carol.path("error").asText());
        assertTrue(!body.has("accountId"), "the account id is not part of the view");
    }

    @Test
    void answersTheSame404ForAMalformedAnUnknownAndAnotherAccountsEmail() {
        // GIVEN an email of another account, an id that was never issued and ids that cannot be ids
        EmailRecord theirs = seed(TestApi.OTHER_ACCOUNT, sentAt);
        List<String> ids = List.of(theirs.id(), Ids.email(), "em_short", "EM_3K9XQ2M7C4V8B1N6P0RT", "em_3k9xq2m7c4v8b1n6p0ri",
                "..%2F..%2Fetc", "%00");
        for (String suffix : List.of("", "/stats", "/events")) {
            List<String> bodies = new ArrayList<>();
            for (String id : ids) {
                // WHEN each is requested on each email route
                TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails/" + id + suffix).bearer(api.key));
                // THEN each is the same 404, so nothing tells them apart
                assertEquals(404, answer.status(), id + suffix);
                JsonNode body = answer.json();
                bodies.add(body.path("type").asText() + body.path("title").asText() + body.path("detail").asText());
            }
            assertEquals(1, bodies.stream().distinct().count(), bodies.toString());
        }
        assertEquals(0, api.events.calls(), "no event of another account's email is read");
    }

    @Test
    void listsTheCallersEmailsNewestFirstWithACursor() {
        // GIVEN three emails of the caller and one of another account
        EmailRecord oldest = seed(TestApi.ACCOUNT, sentAt);
        EmailRecord middle = seed(TestApi.ACCOUNT, sentAt.plusSeconds(10));
        EmailRecord newest = seed(TestApi.ACCOUNT, sentAt.plusSeconds(20));
        seed(TestApi.OTHER_ACCOUNT, sentAt.plusSeconds(30));
        // WHEN the first page of two and then the next page are requested
        TestApi.Answer first = api.call(ApiEvents.get("/api/v1/emails").bearer(api.key).query("limit", "2"));
        String cursor = first.json().path("nextCursor").asText();
        TestApi.Answer second = api.call(ApiEvents.get("/api/v1/emails").bearer(api.key)
                .query("limit", "2").query("cursor", cursor));
        // THEN the caller's emails come newest first, and the last page has a null cursor
        assertEquals(200, first.status(), first.body());
        assertEquals(List.of(newest.id(), middle.id()), ids(first.json().path("items")));
        assertEquals(List.of(oldest.id()), ids(second.json().path("items")));
        assertTrue(second.json().path("nextCursor").isNull());
        JsonNode item = first.json().path("items").get(0);
        assertEquals(2, item.path("recipientCount").asInt());
        assertEquals("2026-04-01T08:00:20Z", item.path("createdAt").asText());
        assertTrue(item.path("tracking").path("clicks").asBoolean());
    }

    @Test
    void answers400NamingCursorWhenTheStoreDoesNotKnowIt() {
        // GIVEN a cursor this listing never produced
        // WHEN it is used on the email list and on an email's events
        EmailRecord email = seed(TestApi.ACCOUNT, sentAt);
        TestApi.Answer list = api.call(ApiEvents.get("/api/v1/emails").bearer(api.key).query("cursor", "eyJway"));
        TestApi.Answer events = api.call(ApiEvents.get("/api/v1/emails/" + email.id() + "/events").bearer(api.key)
                .query("cursor", "not-ours"));
        // THEN both are 400 naming the cursor
        for (TestApi.Answer answer : List.of(list, events)) {
            assertEquals(400, answer.status(), answer.body());
            assertEquals(List.of("cursor"), answer.invalidFields());
        }
    }

    @Test
    void servesStatsWithIsoInstantsAndNullsForWhatNeverHappened() {
        // GIVEN an email where bob opened and clicked the first link, and carol's copy failed
        EmailRecord email = seed(TestApi.ACCOUNT, sentAt);
        // WHEN its stats are requested
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails/" + email.id() + "/stats").bearer(api.key));
        // THEN counts, ISO-8601 times and per-link and per-recipient figures are there
        assertEquals(200, answer.status(), answer.body());
        JsonNode stats = answer.json();
        assertEquals(email.id(), stats.path("emailId").asText());
        assertEquals(2, stats.path("recipients").asInt());
        assertEquals(1, stats.path("sent").asInt());
        assertEquals(1, stats.path("failed").asInt());
        assertEquals(1, stats.path("uniqueOpens").asInt());
        assertEquals("2026-04-01T08:01:00Z", stats.path("firstOpenAt").asText());
        assertEquals("2026-04-01T08:02:00Z", stats.path("lastClickAt").asText());
        assertEquals(1, stats.path("links").get(0).path("clicks").asInt());
        assertEquals(0, stats.path("links").get(1).path("clicks").asInt());
        JsonNode carol = stats.path("perRecipient").get(1);
        assertEquals("failed", carol.path("status").asText());
        assertTrue(carol.has("firstOpenAt") && carol.path("firstOpenAt").isNull());
    }

    @Test
    void listsEventsFilteredByRecipientAndType() {
        // GIVEN an open and a click by bob, a probe and an open by carol
        EmailRecord email = seed(TestApi.ACCOUNT, sentAt);
        event(email, "hit-1", EventType.OPEN, 0, -1, 60);
        event(email, "hit-2", EventType.CLICK, 0, 0, 120);
        event(email, "hit-3", EventType.PROBE, 1, -1, 130);
        event(email, "hit-4", EventType.OPEN, 1, -1, 140);
        String path = "/api/v1/emails/" + email.id() + "/events";
        // WHEN all events, bob's clicks, and opens one per page are requested
        TestApi.Answer all = api.call(ApiEvents.get(path).bearer(api.key));
        TestApi.Answer bobsClicks = api.call(ApiEvents.get(path).bearer(api.key).query("recipient", "0").query("type", "click"));
        TestApi.Answer opens = api.call(ApiEvents.get(path).bearer(api.key).query("type", "open").query("limit", "1"));
        // THEN each answer has the matching events in time order with the documented fields
        assertEquals(200, all.status(), all.body());
        assertEquals(List.of("hit-1", "hit-2", "hit-3", "hit-4"), hitIds(all.json().path("items")));
        assertEquals(List.of("hit-2"), hitIds(bobsClicks.json().path("items")));
        JsonNode click = bobsClicks.json().path("items").get(0);
        assertEquals("click", click.path("type").asText());
        assertEquals("2026-04-01T08:02:00Z", click.path("at").asText());
        assertEquals(0, click.path("recipient").asInt());
        assertEquals(0, click.path("link").asInt());
        assertEquals("https://example.com/report", click.path("destination").asText());
        assertEquals("203.0.113.7", click.path("ip").asText());
        assertEquals("Mozilla/5.0", click.path("userAgent").asText());
        assertEquals("GET", click.path("method").asText());
        JsonNode open = all.json().path("items").get(0);
        assertTrue(open.path("link").isNull() && open.path("destination").isNull());
        assertEquals(List.of("hit-1"), hitIds(opens.json().path("items")));
        assertTrue(!opens.json().path("nextCursor").isNull());
    }

    @Test
    void answers400NamingEachBadEventsParameter() {
        // GIVEN an email with two recipients
        EmailRecord email = seed(TestApi.ACCOUNT, sentAt);
        // WHEN events are requested with a recipient out of range, an unknown type and a zero limit
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails/" + email.id() + "/events").bearer(api.key)
                .query("recipient", "2").query("type", "OPEN").query("limit", "0"));
        TestApi.Answer negative = api.call(ApiEvents.get("/api/v1/emails/" + email.id() + "/events").bearer(api.key)
                .query("recipient", "-1"));
        // THEN all three are named in one answer, and no event was read
        assertEquals(400, answer.status(), answer.body());
        assertEquals(List.of("recipient", "type", "limit"), answer.invalidFields());
        assertEquals("must be a recipient index from 0 to 1", answer.detailOf("recipient"));
        assertEquals("must be one of open, click, probe, honeypot, read, forward, read_receipt, attachment, attachment_beacon", answer.detailOf("type"));
        assertEquals(List.of("recipient"), negative.invalidFields());
        assertEquals(0, api.events.calls());
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static List<String> hitIds(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("hitId").asText()));
        return ids;
    }
}
