package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Attachment;
import dev.glint.model.Ids;
import dev.glint.model.Json;
import dev.glint.send.OutgoingMail;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** POST /api/v1/emails with attachments: each must be usable, and each copy links to them with its own tokens. */
class SendWithAttachmentsTest {
    private static final String A_URL = "https://t.glint.example/a/";
    private static final Pattern ATTACHMENT_URL = Pattern.compile(Pattern.quote(A_URL) + "[A-Za-z0-9_-]+");
    private final TestApi api = new TestApi();

    private Attachment seed(String account, String filename, Attachment.Status status, Instant expiresAt,
            Attachment.Mode mode) {
        String id = Ids.attachment();
        Attachment a = new Attachment(id, account, filename, 250_000, "application/pdf", mode, expiresAt, status,
                status == Attachment.Status.READY ? "ab".repeat(32) : null, TestApi.NOW.minus(Duration.ofHours(1)),
                Attachment.objectKey(account, id), Attachment.Preview.NONE,
                status == Attachment.Status.REJECTED ? "larger than 100 MiB" : null);
        api.attachments.seed(a);
        return a;
    }

    private Attachment ready(String filename, Attachment.Mode mode) {
        return seed(TestApi.ACCOUNT, filename, Attachment.Status.READY, null, mode);
    }

    private static ObjectNode email(String... attachmentIds) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com").add("carol@example.com");
        body.put("subject", "The files");
        body.put("html", "<html><body><p>Here are <a href=\"https://example.com/x\">the files</a>.</p></body></html>");
        body.put("text", "Here are the files.");
        ArrayNode ids = body.putArray("attachments");
        for (String id : attachmentIds) {
            ids.add(id);
        }
        return body;
    }

    private TestApi.Answer send(JsonNode body) {
        return api.call(ApiEvents.post("/api/v1/emails").bearer(api.key).json(body.toString()));
    }

    private TestApi.Answer send(JsonNode body, String idempotencyKey) {
        return api.call(ApiEvents.post("/api/v1/emails").bearer(api.key).header("Idempotency-Key", idempotencyKey)
                .json(body.toString()));
    }

    @Test
    void refusesEveryUnusableAttachmentByPlaceAndReasonBeforeAnythingIsStoredOrSent() {
        // GIVEN one usable attachment and one of each kind that cannot be used
        String good = ready("ok.pdf", Attachment.Mode.VIEW).id();
        String unknown = Ids.attachment();
        String foreign = seed(TestApi.OTHER_ACCOUNT, "theirs.pdf", Attachment.Status.READY, null, Attachment.Mode.VIEW).id();
        String pending = seed(TestApi.ACCOUNT, "p.pdf", Attachment.Status.PENDING_UPLOAD, null, Attachment.Mode.VIEW).id();
        String rejected = seed(TestApi.ACCOUNT, "r.pdf", Attachment.Status.REJECTED, null, Attachment.Mode.VIEW).id();
        String revoked = seed(TestApi.ACCOUNT, "v.pdf", Attachment.Status.REVOKED, null, Attachment.Mode.VIEW).id();
        String expired = seed(TestApi.ACCOUNT, "e.pdf", Attachment.Status.READY, TestApi.NOW.minusSeconds(1),
                Attachment.Mode.VIEW).id();

        // WHEN an email lists them all
        TestApi.Answer answer = send(email(good, unknown, foreign, pending, rejected, revoked, expired));

        // THEN one 400 names each bad one, a foreign one exactly like an unknown one, and nothing is stored or sent
        assertEquals(400, answer.status(), answer.body());
        assertEquals("https://glint.example/problems/validation", answer.json().path("type").asText());
        assertEquals(List.of("attachments[1]", "attachments[2]", "attachments[3]", "attachments[4]", "attachments[5]",
                "attachments[6]"), answer.invalidFields());
        assertEquals("is not an attachment of this account", answer.detailOf("attachments[1]"));
        assertEquals(answer.detailOf("attachments[1]"), answer.detailOf("attachments[2]"));
        assertTrue(answer.detailOf("attachments[3]").startsWith("is not uploaded and checked yet"));
        assertEquals("was rejected when its upload was checked: larger than 100 MiB", answer.detailOf("attachments[4]"));
        assertEquals("is revoked", answer.detailOf("attachments[5]"));
        assertEquals("expired at " + TestApi.NOW.minusSeconds(1), answer.detailOf("attachments[6]"));
        assertEquals(0, api.emails.calls());
        assertTrue(api.sender.sent().isEmpty());
    }

    @Test
    void refusesMalformedAttachmentListsWithoutLookingAnythingUp() {
        String id = Ids.attachment();
        ObjectNode notArray = email();
        notArray.put("attachments", id);
        ObjectNode tooMany = email();
        ArrayNode eleven = tooMany.putArray("attachments");
        for (int i = 0; i < 11; i++) {
            eleven.add(Ids.attachment());
        }
        ObjectNode badItems = email(id, "att_nope", id);
        ((ArrayNode) badItems.get("attachments")).add(42);

        // WHEN each is posted THEN each gets a 400 naming the field, and no store is touched
        assertEquals(List.of("attachments"), send(notArray).invalidFields());
        TestApi.Answer eleventh = send(tooMany);
        assertEquals(List.of("attachments"), eleventh.invalidFields());
        assertEquals("holds 11 ids; at most 10 are allowed", eleventh.detailOf("attachments"));
        TestApi.Answer items = send(badItems);
        assertEquals(List.of("attachments[1]", "attachments[2]", "attachments[3]"), items.invalidFields());
        assertTrue(items.detailOf("attachments[1]").startsWith("is not an attachment id"));
        assertEquals("repeats attachments[0]; each attachment may appear once", items.detailOf("attachments[2]"));
        assertEquals("must be a string, not a number", items.detailOf("attachments[3]"));
        assertTrue(api.storageUntouched());
        assertEquals(0, api.attachments.calls());
    }

    @Test
    void givesEachRecipientCardsWithTheirOwnTokensAndShowsTheAttachmentsOnTheEmail() {
        // GIVEN two ready attachments, one to view and one to download
        Attachment view = ready("Q3 <report> & notes.pdf", Attachment.Mode.VIEW);
        Attachment download = ready("data.pdf", Attachment.Mode.DOWNLOAD);

        // WHEN an email to two recipients lists them
        TestApi.Answer answer = send(email(view.id(), download.id()));

        // THEN it is sent, and the answer lists the attachments by index
        assertEquals(201, answer.status(), answer.body());
        String emailId = answer.json().path("id").asText();
        assertEquals(List.of(view.id(), download.id()), ids(answer.json().path("attachments")));
        // AND each copy has one card per attachment whose links open, for that recipient, to that attachment
        List<OutgoingMail> sent = api.sender.sent();
        assertEquals(2, sent.size());
        for (int r = 0; r < 2; r++) {
            Document html = Jsoup.parse(sent.get(r).html());
            assertEquals(2, html.select("table.glint-att").size());
            assertEquals("Q3 <report> & notes.pdf", html.select("table.glint-att td:eq(1) > a").first().text());
            assertEquals(List.of("View", "Download"), html.select("table.glint-att td:eq(2) > a").eachText());
            List<String> htmlUrls = html.select("table.glint-att td:eq(2) > a").eachAttr("href");
            List<String> textUrls = ATTACHMENT_URL.matcher(sent.get(r).text()).results().map(MatchResult::group).toList();
            assertEquals(htmlUrls, textUrls);
            for (int i = 0; i < 2; i++) {
                TokenClaims claims = open(htmlUrls.get(i));
                assertEquals(TokenKind.ATTACHMENT, claims.kind());
                assertEquals(r, claims.recipient());
                assertEquals(i, claims.link());
                assertEquals(List.of(view.id(), download.id()).get(i), claims.destination());
                assertEquals(emailId, claims.emailId());
                assertEquals(TestApi.ACCOUNT, claims.accountId());
            }
            assertTrue(sent.get(r).text().startsWith("Here are the files.\n\n📎 Q3 <report> & notes.pdf (244 KB): "
                    + A_URL), sent.get(r).text());
        }
        assertNotEquals(Jsoup.parse(sent.get(0).html()).select("table.glint-att a").attr("href"),
                Jsoup.parse(sent.get(1).html()).select("table.glint-att a").attr("href"));
        // AND the email's GET lists them
        JsonNode read = api.call(ApiEvents.get("/api/v1/emails/" + emailId).bearer(api.key)).json();
        JsonNode first = read.path("attachments").get(0);
        assertEquals(0, first.path("index").asInt());
        assertEquals(view.id(), first.path("id").asText());
        assertEquals("Q3 <report> & notes.pdf", first.path("filename").asText());
        assertEquals(1, read.path("attachments").get(1).path("index").asInt());
        assertEquals(2, read.path("attachments").size());
    }

    @Test
    void linksAttachmentsEvenWithTrackingOff() {
        // GIVEN an email with opens and clicks untracked
        Attachment file = ready("a.pdf", Attachment.Mode.VIEW);
        ObjectNode body = email(file.id());
        body.putObject("tracking").put("opens", false).put("clicks", false);
        // WHEN it is sent
        assertEquals(201, send(body).status());
        // THEN no pixel and no rewritten link, but the attachment link is there
        String html = api.sender.sent().get(0).html();
        assertTrue(html.contains("href=\"https://example.com/x\""), html);
        assertTrue(!html.contains("https://t.glint.example/o/"), html);
        assertEquals(file.id(), open(Jsoup.parse(html).select("table.glint-att a").attr("href")).destination());
    }

    @Test
    void refusesAttachmentsForHtmlWithNoPlaceToShowThem() {
        // GIVEN an HTML part that is one unclosed comment, and no text part
        ObjectNode body = email(ready("a.pdf", Attachment.Mode.VIEW).id());
        body.put("html", "<!-- never closed <p>Hi</p>");
        body.remove("text");
        // WHEN it is sent THEN html is named and nothing is stored or sent
        TestApi.Answer answer = send(body);
        assertEquals(List.of("html"), answer.invalidFields(), answer.body());
        assertTrue(answer.detailOf("html").startsWith("has no place where the attachment links would show"));
        assertEquals(0, api.emails.calls());
        assertTrue(api.sender.sent().isEmpty());
    }

    @Test
    void replaysWithTheSameAttachmentsAndRefusesTheKeyForOthers() {
        // GIVEN an email sent with an attachment under a key
        Attachment a = ready("a.pdf", Attachment.Mode.VIEW);
        Attachment b = ready("b.pdf", Attachment.Mode.VIEW);
        TestApi.Answer first = send(email(a.id()), "key-1");
        assertEquals(201, first.status(), first.body());

        // WHEN the same request comes again, after the attachment was revoked, and then with another attachment
        api.attachments.seed(withStatus(a, Attachment.Status.REVOKED));
        TestApi.Answer again = send(email(a.id()), "key-1");
        TestApi.Answer other = send(email(b.id()), "key-1");

        // THEN the retry replays the stored email without sending again, and another attachment is another request
        assertEquals(200, again.status(), again.body());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.json().path("id"), again.json().path("id"));
        assertEquals(List.of(a.id()), ids(again.json().path("attachments")));
        assertEquals(422, other.status());
        assertEquals(2, api.sender.sent().size());
    }

    @Test
    void aRefusedSendFreesItsKeyForTheCorrectedRequest() {
        // GIVEN a send refused for a revoked attachment under a key
        Attachment revoked = seed(TestApi.ACCOUNT, "old.pdf", Attachment.Status.REVOKED, null, Attachment.Mode.VIEW);
        assertEquals(400, send(email(revoked.id()), "key-2").status());
        // WHEN the corrected request comes with the same key
        TestApi.Answer fixed = send(email(ready("new.pdf", Attachment.Mode.VIEW).id()), "key-2");
        // THEN it is sent
        assertEquals(201, fixed.status(), fixed.body());
        assertEquals(2, api.sender.sent().size());
    }

    @Test
    void aClientDeliveryReplayCarriesTheStoredCardsEvenAfterRevocation() {
        // GIVEN an email delivered by the client with an attachment, under a key
        Attachment a = ready("contract.pdf", Attachment.Mode.DOWNLOAD);
        ObjectNode body = email(a.id());
        body.put("delivery", "client");
        TestApi.Answer first = send(body, "key-3");
        assertEquals(201, first.status(), first.body());

        // WHEN the attachment is revoked and the request replayed
        api.attachments.seed(withStatus(a, Attachment.Status.REVOKED));
        TestApi.Answer again = send(body, "key-3");

        // THEN each copy again links to the attachment for its recipient (the link itself answers 410 now)
        assertEquals(200, again.status(), again.body());
        for (int r = 0; r < 2; r++) {
            Document html = Jsoup.parse(again.json().path("copies").get(r).path("html").asText());
            assertEquals("Download", html.select("table.glint-att td:eq(2) > a").text());
            TokenClaims claims = open(html.select("table.glint-att a").attr("href"));
            assertEquals(r, claims.recipient());
            assertEquals(a.id(), claims.destination());
        }
    }

    private TokenClaims open(String url) {
        assertTrue(url.startsWith(A_URL), url);
        TokenResult result = api.sealer.open(url.substring(A_URL.length()), TestApi.NOW);
        return assertInstanceOf(TokenResult.Valid.class, result, url).claims();
    }

    private static List<String> ids(JsonNode attachments) {
        return java.util.stream.StreamSupport.stream(attachments.spliterator(), false)
                .map(n -> n.path("id").asText()).toList();
    }

    private static Attachment withStatus(Attachment a, Attachment.Status status) {
        return new Attachment(a.id(), a.accountId(), a.filename(), a.size(), a.contentType(), a.mode(), a.expiresAt(),
                status, a.sha256(), a.createdAt(), a.objectKey(), a.preview(), a.rejection());
    }
}
