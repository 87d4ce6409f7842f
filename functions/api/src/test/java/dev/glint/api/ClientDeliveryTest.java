package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Json;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** POST /api/v1/emails with "delivery": "client": stored and tracked as usual, nothing sent, copies answered. */
class ClientDeliveryTest {
    private static final Pattern PIXEL = Pattern.compile("<img src=\"https://t\\.glint\\.example/o/([A-Za-z0-9_-]+)\\.gif\"");
    private static final Pattern CLICK = Pattern.compile("https://t\\.glint\\.example/c/([A-Za-z0-9_-]+)");
    private final TestApi api = new TestApi();

    private static ObjectNode email(String delivery) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com");
        body.putArray("cc").add(TestApi.REFUSED);
        body.putArray("bcc").add("dave@example.net");
        body.put("subject", "The Q3 report");
        body.put("html", "<html><body><p>Here is <a href=\"https://example.com/q3\">the report</a>.</p></body></html>");
        body.put("text", "Here is the report: https://example.com/q3");
        if (delivery != null) {
            body.put("delivery", delivery);
        }
        return body;
    }

    private TestApi.Answer post(String body, String idempotencyKey) {
        ApiEvents request = ApiEvents.post("/api/v1/emails").bearer(api.key);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return api.call(request.json(body));
    }

    private TokenClaims claims(String token) {
        TokenResult result = api.sealer.open(token, TestApi.NOW);
        if (result instanceof TokenResult.Valid(TokenClaims claims)) {
            return claims;
        }
        throw new AssertionError("not a valid token: " + result);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void sendsNothingAndAnswersWithEachRecipientsOwnTrackedCopy() {
        // GIVEN an email to, cc and bcc with one link, to be delivered by the caller
        // WHEN it is posted
        TestApi.Answer answer = post(email("client").toString(), null);
        // THEN it is created and nothing went to SES (not even the address SES would refuse)
        assertEquals(201, answer.status(), answer.body());
        assertTrue(api.sender.sent().isEmpty());
        JsonNode created = answer.json();
        String id = created.path("id").asText();
        assertEquals(2, created.path("links").asInt(), "the html link and the text link");
        // AND every recipient is sent, with no provider message id
        for (JsonNode r : created.path("recipients")) {
            assertEquals("sent", r.path("status").asText(), r.toString());
            assertTrue(r.path("messageId").isNull(), r.toString());
            assertTrue(api.emails.sentAt(id, r.path("index").asInt()).isPresent(), "sentAt stored for timing rules");
        }
        // AND there is one copy per recipient, in recipient order, with its own pixel and click tokens
        JsonNode copies = created.path("copies");
        assertEquals(3, copies.size());
        List<String> fields = List.of("to", "cc", "bcc");
        List<String> addresses = List.of("bob@example.com", TestApi.REFUSED, "dave@example.net");
        Set<String> pixels = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode copy = copies.get(i);
            assertEquals(i, copy.path("recipient").asInt());
            assertEquals(addresses.get(i), copy.path("address").asText());
            assertEquals(fields.get(i), copy.path("field").asText());
            String html = copy.path("html").asText();
            String text = copy.path("text").asText();
            assertFalse(html.contains("https://example.com/q3"), "the link is tracked: " + html);
            List<String> pixel = all(PIXEL, html);
            assertEquals(1, pixel.size(), html);
            pixels.add(pixel.get(0));
            TokenClaims open = claims(pixel.get(0));
            assertEquals(TokenKind.OPEN, open.kind());
            assertEquals(TestApi.ACCOUNT, open.accountId());
            assertEquals(id, open.emailId());
            assertEquals(i, open.recipient());
            List<String> textClicks = all(CLICK, text);
            assertEquals(1, textClicks.size(), text);
            TokenClaims click = claims(textClicks.get(0));
            assertEquals(i, click.recipient());
            assertEquals("https://example.com/q3", click.destination());
        }
        assertEquals(3, pixels.size(), "each copy has its own pixel");
        // AND the stored email reads back with the same statuses
        TestApi.Answer detail = api.call(ApiEvents.get("/api/v1/emails/" + id).bearer(api.key));
        assertEquals(200, detail.status());
        assertEquals(created.path("recipients"), detail.json().path("recipients"));
        assertFalse(detail.json().has("copies"), "copies are only in the answer to the send");
    }

    @Test
    void sesDeliveryIsTheDefaultAndAnswersWithoutCopies() {
        // GIVEN the same email without a delivery field, and one with "ses"
        for (String delivery : new String[] {null, "ses"}) {
            int before = api.sender.sent().size();
            // WHEN it is posted
            TestApi.Answer answer = post(email(delivery).toString(), null);
            // THEN SES got the copies it accepts, and the answer has no copies member
            assertEquals(201, answer.status(), answer.body());
            assertEquals(before + 2, api.sender.sent().size(), "bob and dave; SES refuses the cc");
            assertFalse(answer.json().has("copies"), answer.body());
            assertEquals("ses-" + (before + 1), answer.json().path("recipients").get(0).path("messageId").asText());
        }
    }

    @Test
    void rejectsAnUnknownDeliveryNamingTheFieldAndTouchesNothing() {
        // GIVEN delivery values that are not "ses" or "client"
        List<ObjectNode> bodies = new ArrayList<>();
        bodies.add(email("smtp"));
        bodies.add(email("CLIENT"));
        ObjectNode number = email(null);
        number.put("delivery", 1);
        bodies.add(number);
        for (ObjectNode body : bodies) {
            // WHEN each is posted
            TestApi.Answer answer = post(body.toString(), null);
            // THEN it is a 400 problem naming delivery, and nothing was stored or sent
            assertEquals(400, answer.status(), answer.body());
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertEquals(List.of("delivery"), answer.invalidFields());
            assertTrue(answer.detailOf("delivery").contains("\"ses\"") && answer.detailOf("delivery").contains("\"client\""),
                    answer.body());
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void rejectsClientDeliveryWhoseCopiesWouldNotFitAnAnswer() {
        // GIVEN three recipients of a 2 MiB html body, delivered by the caller
        ObjectNode body = email("client");
        body.put("html", "<p>" + "x".repeat(2 << 20) + "</p>");
        // WHEN it is posted
        TestApi.Answer answer = post(body.toString(), null);
        // THEN it is refused, naming delivery and what to do, before anything is stored
        assertEquals(400, answer.status(), answer.body());
        assertEquals(List.of("delivery"), answer.invalidFields());
        assertTrue(answer.detailOf("delivery").contains("fewer recipients"), answer.body());
        assertTrue(api.storageUntouched());
        // AND the same body for one recipient is fine
        body.putArray("cc");
        body.putArray("bcc");
        assertEquals(201, post(body.toString(), null).status());
    }

    @Test
    void aReplayedClientSendAnswersTheSameEmailWithCopiesThatTrackTheSameRecipientsAndLinks() {
        // GIVEN a client-delivered email sent with an Idempotency-Key
        String body = email("client").toString();
        TestApi.Answer first = post(body, "msg-4711@app.example");
        assertEquals(201, first.status(), first.body());
        // WHEN the same request is retried with the key
        TestApi.Answer retry = post(body, "msg-4711@app.example");
        // THEN it is a replay of the same email and recipients, and still nothing went to SES
        assertEquals(200, retry.status(), retry.body());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertTrue(api.sender.sent().isEmpty());
        ObjectNode withoutCopies = first.json().deepCopy();
        withoutCopies.remove("copies");
        ObjectNode retryWithoutCopies = retry.json().deepCopy();
        retryWithoutCopies.remove("copies");
        assertEquals(withoutCopies, retryWithoutCopies);
        // AND its copies carry tokens for exactly the same claims, one copy per recipient as before
        JsonNode firstCopies = first.json().path("copies");
        JsonNode retryCopies = retry.json().path("copies");
        assertEquals(firstCopies.size(), retryCopies.size());
        for (int i = 0; i < firstCopies.size(); i++) {
            JsonNode a = firstCopies.get(i);
            JsonNode b = retryCopies.get(i);
            assertEquals(a.path("address"), b.path("address"));
            assertEquals(a.path("field"), b.path("field"));
            assertEquals(claimsIn(a), claimsIn(b), "copy " + i);
            assertEquals(strip(a.path("html").asText()), strip(b.path("html").asText()), "the same html around the tokens");
            assertNotEquals(a.path("html").asText(), b.path("html").asText(), "tokens are sealed afresh");
        }
    }

    @Test
    void theSameKeyForAnSesSendAndAClientSendIsADifferentRequest() {
        // GIVEN an email sent through SES with a key
        assertEquals(201, post(email(null).toString(), "order-1").status());
        int sent = api.sender.sent().size();
        // WHEN the same email is posted with the key but for client delivery
        TestApi.Answer answer = post(email("client").toString(), "order-1");
        // THEN it is refused as another request: it must not hand out copies of mail SES already sent
        assertEquals(422, answer.status(), answer.body());
        assertEquals(sent, api.sender.sent().size());
    }

    /** Every token's claims in a copy's html and text, in order. */
    private List<TokenClaims> claimsIn(JsonNode copy) {
        List<TokenClaims> out = new ArrayList<>();
        Pattern any = Pattern.compile("https://t\\.glint\\.example/[oc]/([A-Za-z0-9_-]+)");
        for (String part : List.of(copy.path("html").asText(), copy.path("text").asText())) {
            all(any, part).forEach(t -> out.add(claims(t)));
        }
        return out;
    }

    private static String strip(String html) {
        return html.replaceAll("https://t\\.glint\\.example/([oc])/[A-Za-z0-9_-]+", "https://t.glint.example/$1/TOKEN");
    }
}
