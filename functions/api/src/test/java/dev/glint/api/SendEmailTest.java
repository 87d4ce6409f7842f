package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Ids;
import dev.glint.model.Json;
import dev.glint.send.OutgoingMail;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A valid POST /api/v1/emails through the real send service: 201, Location, one tracked copy per recipient. */
class SendEmailTest {
    private final TestApi api = new TestApi();

    @Test
    void sendsOneTrackedCopyPerRecipientAndAnswers201() {
        // GIVEN an email to two recipients with one link, one address of which SES refuses
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com");
        body.putArray("cc").add(TestApi.REFUSED);
        body.put("subject", "Hello");
        body.put("html", "<html><body><p>See <a href=\"https://example.com/report\">the report</a></p></body></html>");
        body.put("text", "See https://example.com/report");
        // WHEN it is posted
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/emails").bearer(api.key).json(body.toString()));
        // THEN it is created, with a Location, the tracked link count and each recipient's outcome
        assertEquals(201, answer.status(), answer.body());
        JsonNode created = answer.json();
        String id = created.path("id").asText();
        assertTrue(Ids.isEmailId(id));
        assertEquals("/api/v1/emails/" + id, answer.header("Location"));
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("2026-05-01T09:30:00.123Z", created.path("createdAt").asText());
        assertEquals("Alice <alice@example.com>", created.path("from").asText());
        assertEquals("Hello", created.path("subject").asText());
        assertTrue(created.path("tracking").path("opens").asBoolean());
        assertTrue(created.path("tracking").path("clicks").asBoolean());
        assertTrue(created.path("links").asInt() >= 1, created.toString());
        JsonNode bob = created.path("recipients").get(0);
        assertEquals(0, bob.path("index").asInt());
        assertEquals("bob@example.com", bob.path("address").asText());
        assertEquals("to", bob.path("field").asText());
        assertEquals("sent", bob.path("status").asText());
        assertEquals("ses-1", bob.path("messageId").asText());
        assertTrue(bob.path("error").isNull());
        JsonNode refused = created.path("recipients").get(1);
        assertEquals("cc", refused.path("field").asText());
        assertEquals("failed", refused.path("status").asText());
        assertTrue(refused.path("messageId").isNull());
        assertTrue(refused.path("error").asText().startsWith("SES refused"));
        // AND bob's copy carries tracking URLs instead of the bare link
        OutgoingMail copy = api.sender.sent().get(0);
        assertEquals("bob@example.com", copy.to());
        assertTrue(copy.html() != null && copy.html().contains("https://t.glint.example/c/"), copy.html());
        // AND the email can be read back
        TestApi.Answer read = api.call(ApiEvents.get("/api/v1/emails/" + id).bearer(api.key));
        assertEquals(200, read.status());
        assertEquals("sent", read.json().path("recipients").get(0).path("status").asText());
    }

    @Test
    void sendsInternationalAddressesInTheFormSesTakes() {
        // GIVEN a sender with a non-ASCII name and recipients on internationalised domains
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Zoë Ünal <zoe@bücher.example>");
        body.putArray("to").add("bob@BÜCHER.example");
        body.putArray("bcc").add("carol@münchen.example");
        body.put("subject", "Grüße");
        body.put("text", "Hallo");
        body.putObject("tracking").put("opens", false).put("clicks", false);
        // WHEN it is posted
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/emails").bearer(api.key).json(body.toString()));
        // THEN domains are Punycode, the name is an RFC 2047 encoded word, and tracking is off
        assertEquals(201, answer.status(), answer.body());
        JsonNode created = answer.json();
        assertEquals("=?UTF-8?B?Wm/DqyDDnG5hbA==?= <zoe@xn--bcher-kva.example>", created.path("from").asText());
        assertEquals(List.of("bob@xn--bcher-kva.example", "carol@xn--mnchen-3ya.example"),
                List.of(created.path("recipients").get(0).path("address").asText(),
                        created.path("recipients").get(1).path("address").asText()));
        assertEquals(0, created.path("links").asInt());
        assertTrue(!created.path("tracking").path("opens").asBoolean());
        assertEquals("Grüße", api.sender.sent().get(0).subject());
    }
}
