package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.DeviceType;
import dev.glint.model.Attachment;
import dev.glint.model.AttachmentEvent;
import dev.glint.model.HitInsight;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attachment routes over in-memory stores: validation, ownership, stats and audit. Uploads to
 * and checks of real objects run against the S3 emulator in the local module (AttachmentUploadTest).
 */
class AttachmentRoutesTest {
    private static final String FOREIGN = "att_0123456789abcdefghjk";
    private final TestApi api = new TestApi();

    @Test
    void createAnswersAPendingAttachmentAndAPresignedPutPinnedToItsSize() {
        // WHEN a 1234-byte PDF is announced
        TestApi.Answer created = api.call(ApiEvents.post("/api/v1/attachments").bearer(api.key)
                .json("{\"filename\":\"Q3 report.pdf\",\"size\":1234,\"contentType\":\"application/pdf\",\"mode\":\"view\"}"));

        // THEN it is stored pending, and the upload is one PUT of exactly that size, valid 15 minutes
        assertEquals(201, created.status(), created.body());
        JsonNode attachment = created.json().get("attachment");
        String id = attachment.get("id").asText();
        assertEquals("/api/v1/attachments/" + id, created.header("location"));
        assertEquals("pending_upload", attachment.get("status").asText());
        assertEquals("view", attachment.get("mode").asText());
        JsonNode upload = created.json().get("upload");
        assertEquals("PUT", upload.get("method").asText());
        assertTrue(upload.get("url").asText().contains("/attachments/" + TestApi.ACCOUNT + "/" + id + "/original"),
                upload.get("url").asText());
        assertEquals("1234", upload.get("headers").get("content-length").asText(), upload.toString());
        assertTrue(upload.get("url").asText().contains("X-Amz-Expires=900"), upload.get("url").asText());
        Instant.parse(upload.get("expiresAt").asText());
        assertEquals(Attachment.Status.PENDING_UPLOAD, api.attachments.find(id).orElseThrow().status());

        // AND it is listed, and readable, for its account
        TestApi.Answer listed = api.call(ApiEvents.get("/api/v1/attachments").bearer(api.key));
        assertEquals(id, listed.json().at("/items/0/id").asText());
        assertEquals(200, api.call(ApiEvents.get("/api/v1/attachments/" + id).bearer(api.key)).status());
    }

    @Test
    void badUploadRequestsAreRefusedNamingEveryFieldAndStoreNothing() {
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/attachments").bearer(api.key)
                .json("{\"filename\":\"../etc/passwd\",\"size\":0,\"mode\":\"edit\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"owner\":\"x\"}"));
        assertEquals(400, answer.status(), answer.body());
        assertEquals(List.of("owner"), answer.invalidFields(), "unknown fields are refused before anything else");

        answer = api.call(ApiEvents.post("/api/v1/attachments").bearer(api.key)
                .json("{\"filename\":\"../etc/passwd\",\"size\":0,\"mode\":\"edit\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}"));
        assertEquals(400, answer.status(), answer.body());
        assertEquals(List.of("filename", "size", "mode", "expiresAt"), answer.invalidFields());

        answer = api.call(ApiEvents.post("/api/v1/attachments").bearer(api.key)
                .json("{\"filename\":\"a\\u0007.pdf\",\"size\":" + (AttachmentServiceLimits.MAX + 1) + "}"));
        assertEquals(List.of("filename", "size"), answer.invalidFields());
        assertTrue(answer.detailOf("size").contains("104857600"), answer.body());
        assertTrue(api.storageUntouched());
    }

    @Test
    void malformedIdsAreNotFoundWithoutALookup() {
        for (String path : List.of("/api/v1/attachments/em_3k9xq2m7c4v8b1n6p0rt", "/api/v1/attachments/att_short",
                "/api/v1/attachments/ATT_0123456789ABCDEFGHJK/stats", "/api/v1/attachments/att_0123456789abcdefghjk%2F/events")) {
            assertEquals(404, api.call(ApiEvents.get(path).bearer(api.key)).status(), path);
        }
        assertEquals(404, api.call(ApiEvents.request("DELETE", "/api/v1/attachments/x").bearer(api.key)).status());
        assertEquals(404, api.call(ApiEvents.post("/api/v1/attachments/x/complete").bearer(api.key)).status());
        assertTrue(api.storageUntouched());
    }

    @Test
    void anotherAccountsAttachmentIsNotFoundOnEveryRouteAndStaysUntouched() {
        // GIVEN an attachment of another account, with an audit line
        Attachment theirs = attachment(FOREIGN, TestApi.OTHER_ACCOUNT);
        api.attachments.create(theirs);
        api.audit.putIfAbsent(event(FOREIGN, "view", Map.of(), Verdict.HUMAN, 0), TestApi.NOW.plus(Duration.ofDays(30)));

        // WHEN this account tries every route on it THEN 404, as for an unknown id
        String base = "/api/v1/attachments/" + FOREIGN;
        assertEquals(404, api.call(ApiEvents.get(base).bearer(api.key)).status());
        assertEquals(404, api.call(ApiEvents.get(base + "/stats").bearer(api.key)).status());
        assertEquals(404, api.call(ApiEvents.get(base + "/events").bearer(api.key)).status());
        assertEquals(404, api.call(ApiEvents.post(base + "/complete").bearer(api.key)).status());
        assertEquals(404, api.call(ApiEvents.request("DELETE", base).bearer(api.key)).status());
        assertEquals(Attachment.Status.READY, api.attachments.find(FOREIGN).orElseThrow().status());
        assertEquals(0, api.call(ApiEvents.get("/api/v1/attachments").bearer(api.key)).json().get("items").size());
    }

    @Test
    void statsAndEventsComeFromTheAuditLog() {
        // GIVEN a ready attachment seen by recipient 0 (a person, two pages) and a scanner on recipient 1
        String id = "att_abcdefghjkmnpqrstvwx";
        api.attachments.create(attachment(id, TestApi.ACCOUNT));
        Instant keep = TestApi.NOW.plus(Duration.ofDays(30));
        api.audit.putIfAbsent(event(id, "view", Map.of(), Verdict.HUMAN, 0), keep);
        api.audit.putIfAbsent(event(id, "page", Map.of("page", "1", "dwellMs", "4000", "session", "s"), Verdict.HUMAN, 1), keep);
        api.audit.putIfAbsent(event(id, "page", Map.of("page", "2", "dwellMs", "6000", "scroll", "80", "session", "s"), Verdict.HUMAN, 2), keep);
        AttachmentEvent scan = new AttachmentEvent("h-scan", id, TestApi.ACCOUNT, "em_3k9xq2m7c4v8b1n6p0rt", 1, "view",
                TestApi.NOW, Map.of(), "192.0.2.9", "curl/8", insight(Verdict.SCANNER));
        api.audit.putIfAbsent(scan, keep);

        // WHEN the stats are asked for
        TestApi.Answer stats = api.call(ApiEvents.get("/api/v1/attachments/" + id + "/stats").bearer(api.key));

        // THEN the person's view, pages and dwell count; the scanner's access is only in the verdict split
        assertEquals(200, stats.status(), stats.body());
        JsonNode totals = stats.json().get("totals");
        assertEquals(1, totals.get("views").asInt());
        assertEquals(10_000, totals.get("dwellMs").asLong());
        assertEquals(1, totals.at("/accessesByVerdict/scanner").asInt());
        JsonNode bob = null;
        for (JsonNode r : stats.json().get("recipients")) {
            if (r.get("recipient").asInt() == 0) {
                bob = r;
            }
        }
        assertEquals(2, stats.json().get("recipients").size());
        assertEquals(2, bob.get("pagesReached").asInt());
        assertEquals(6000, bob.at("/pageDwellMs/2").asLong());
        assertEquals(80, bob.get("maxScroll").asInt());

        // AND the audit log pages through all four lines, oldest first
        TestApi.Answer page1 = api.call(ApiEvents.get("/api/v1/attachments/" + id + "/events").query("limit", "3").bearer(api.key));
        assertEquals(3, page1.json().get("items").size());
        TestApi.Answer page2 = api.call(ApiEvents.get("/api/v1/attachments/" + id + "/events")
                .query("cursor", page1.json().get("nextCursor").asText()).bearer(api.key));
        assertEquals(1, page2.json().get("items").size());
        assertEquals("page", page2.json().at("/items/0/action").asText());
    }

    @Test
    void revokingIsFinalAndRepeatable() {
        String id = "att_abcdefghjkmnpqrstvwx";
        api.attachments.create(attachment(id, TestApi.ACCOUNT));
        // the S3 endpoint is unreachable here, so the object deletion fails after the status changed:
        // the revocation already holds, and the client's retry deletes again (tested against S3 in local)
        TestApi.Answer answer = api.call(ApiEvents.request("DELETE", "/api/v1/attachments/" + id).bearer(api.key));
        assertEquals(500, answer.status());
        assertEquals(Attachment.Status.REVOKED, api.attachments.find(id).orElseThrow().status());
    }

    private static Attachment attachment(String id, String account) {
        return new Attachment(id, account, "deck.pdf", 2048, "application/pdf", Attachment.Mode.VIEW, null,
                Attachment.Status.READY, "00".repeat(32), TestApi.NOW, Attachment.objectKey(account, id),
                new Attachment.Preview("pdf", null, 2, null), null);
    }

    private static AttachmentEvent event(String id, String action, Map<String, String> detail, Verdict verdict, int second) {
        return new AttachmentEvent("h-" + action + second, id, TestApi.ACCOUNT, "em_3k9xq2m7c4v8b1n6p0rt", 0, action,
                TestApi.NOW.plusSeconds(second), detail, "198.51.100.7", "Mozilla/5.0", insight(verdict));
    }

    private static HitInsight insight(Verdict verdict) {
        return new HitInsight(verdict, List.of(), "Chrome", new DeviceInfo("Chrome", "131", "Windows", "10", null, DeviceType.DESKTOP), null);
    }

    /** The default limit, spelled once. */
    private static final class AttachmentServiceLimits {
        static final long MAX = dev.glint.attach.AttachmentService.DEFAULT_MAX_BYTES;
    }
}
