package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /api/v1/emails with an Idempotency-Key: a retried request never sends the same mail twice. */
class IdempotentSendTest {
    private static final String KEY = "order-4711-confirmation";
    private final TestApi api = new TestApi();

    private static ObjectNode email(String subject) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com");
        body.putArray("cc").add(TestApi.REFUSED);
        body.put("subject", subject);
        body.put("html", "<p>Your order: <a href=\"https://example.com/orders/4711\">details</a></p>");
        return body;
    }

    private TestApi.Answer send(String apiKey, String idempotencyKey, String body) {
        return api.call(ApiEvents.post("/api/v1/emails").bearer(apiKey).header("Idempotency-Key", idempotencyKey).json(body));
    }

    private TestApi.Answer send(String idempotencyKey, String body) {
        return send(api.key, idempotencyKey, body);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstEmailBackAndSendsNothing() {
        // GIVEN an email sent with an Idempotency-Key
        String body = email("Order confirmed").toString();
        TestApi.Answer first = send(KEY, body);
        assertEquals(201, first.status(), first.body());
        assertNull(first.header("Idempotent-Replayed"));
        int copies = api.sender.sent().size();
        // WHEN the client retries it, with the same key and the same body (fields in another order)
        ObjectNode original = email("Order confirmed");
        List<String> fields = new ArrayList<>();
        original.fieldNames().forEachRemaining(fields::add);
        ObjectNode reordered = Json.MAPPER.createObjectNode();
        fields.reversed().forEach(f -> reordered.set(f, original.get(f)));
        TestApi.Answer retry = send(KEY, reordered.toPrettyString());
        // THEN it is answered 200 with the first email, as stored, and marked as a replay
        assertEquals(200, retry.status(), retry.body());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals("application/json", retry.header("Content-Type"));
        assertEquals(first.json(), retry.json(), "the same id, recipients and statuses as the first answer");
        // AND no copy was sent again
        assertEquals(copies, api.sender.sent().size());
        assertEquals(1, copies, "bob's copy; SES refused the cc");
    }

    @Test
    void theSameKeyWithADifferentBodyIs422AndSendsNothing() {
        // GIVEN an email sent with a key
        assertEquals(201, send(KEY, email("Order confirmed").toString()).status());
        int copies = api.sender.sent().size();
        // WHEN the key is used again for a different email (only the subject differs)
        TestApi.Answer reused = send(KEY, email("Order cancelled").toString());
        // THEN the problem says the key belongs to another request, and nothing is sent
        assertEquals(422, reused.status(), reused.body());
        assertEquals("application/problem+json", reused.header("Content-Type"));
        assertEquals("https://glint.example/problems/idempotency-key-reused", reused.json().path("type").asText());
        assertTrue(reused.json().path("detail").asText().contains("Idempotency-Key was used with a different request"));
        assertEquals(copies, api.sender.sent().size());
    }

    @Test
    void rejectsAMalformedKeyNamingTheHeaderAndTouchesNothing() {
        // GIVEN keys that are empty, too long, not ASCII or with control characters
        List<String> malformed = List.of("", "k".repeat(256), "clé-1", "a\tb", "a\u0000b");
        List<Integer> statuses = new ArrayList<>();
        for (String key : malformed) {
            // WHEN a valid email is posted with one
            TestApi.Answer answer = send(key, email("Hello").toString());
            statuses.add(answer.status());
            // THEN the validation problem names the header, without echoing the key
            assertEquals(List.of("Idempotency-Key"), answer.invalidFields(), answer.body());
            assertTrue(answer.detailOf("Idempotency-Key").contains("1 to 255 printable ASCII"));
        }
        assertEquals(List.of(400, 400, 400, 400, 400), statuses);
        // AND nothing was stored, claimed or sent
        assertTrue(api.storageUntouched());
    }

    @Test
    void acceptsKeysOfOneTo255PrintableCharacters() {
        // GIVEN the shortest and the longest keys, and one with spaces and punctuation
        for (String key : List.of("k", "~".repeat(255), "order 4711 / retry #2")) {
            // WHEN an email is posted with each
            TestApi.Answer answer = send(key, email("Hello " + key.length()).toString());
            // THEN it is sent
            assertEquals(201, answer.status(), answer.body());
        }
    }

    @Test
    void aValidationFailureDoesNotUseUpTheKey() {
        // GIVEN a request with a key and an invalid body
        ObjectNode broken = email("Order confirmed");
        broken.putArray("to").add("not an address");
        TestApi.Answer rejected = send(KEY, broken.toString());
        assertEquals(400, rejected.status());
        assertTrue(api.storageUntouched(), "the key was not even claimed");
        // WHEN the client fixes the body and sends it with the same key
        TestApi.Answer fixed = send(KEY, email("Order confirmed").toString());
        // THEN it is sent, and a retry of the fixed request is a replay of it
        assertEquals(201, fixed.status(), fixed.body());
        TestApi.Answer retry = send(KEY, email("Order confirmed").toString());
        assertEquals(200, retry.status());
        assertEquals(fixed.json().path("id"), retry.json().path("id"));
        assertEquals(1, api.sender.sent().size());
    }

    @Test
    void aRetryWhileTheFirstRequestIsStillStoringIs409WithRetryAfter() {
        // GIVEN a first request that is between claiming its key and storing its email when the retry arrives
        String body = email("Order confirmed").toString();
        List<TestApi.Answer> during = new ArrayList<>();
        api.emails.beforeNextCreate(() -> during.add(send(KEY, body)));
        // WHEN the first request completes
        TestApi.Answer first = send(KEY, body);
        // THEN the retry was told to come back in a second, and only the first request sent mail
        assertEquals(201, first.status(), first.body());
        TestApi.Answer retry = during.get(0);
        assertEquals(409, retry.status(), retry.body());
        assertEquals("1", retry.header("Retry-After"));
        assertEquals("https://glint.example/problems/idempotency-key-in-progress", retry.json().path("type").asText());
        assertTrue(retry.json().path("detail").asText().contains("request with this Idempotency-Key is still in progress"));
        assertEquals(1, api.sender.sent().size());
        // AND a later retry gets the email
        assertEquals(first.json().path("id"), send(KEY, body).json().path("id"));
    }

    @Test
    void aSendThatFailedBeforeStoringItsEmailFreesTheKeyForTheRetry() {
        // GIVEN a first request whose email cannot be stored: it fails with a 500 and has sent nothing
        String body = email("Order confirmed").toString();
        api.emails.beforeNextCreate(() -> {
            throw new IllegalStateException("DynamoDB unavailable");
        });
        TestApi.Answer failed = send(KEY, body);
        assertEquals(500, failed.status(), failed.body());
        assertEquals(0, api.sender.sent().size());
        // WHEN the client retries with the same key
        TestApi.Answer retry = send(KEY, body);
        // THEN the retry sends the email, instead of waiting 24 hours for a request that is over
        assertEquals(201, retry.status(), retry.body());
        assertEquals(1, api.sender.sent().size());
    }

    @Test
    void keysAreScopedToTheAccount() {
        // GIVEN an email sent with a key by one account
        String body = email("Order confirmed").toString();
        TestApi.Answer mine = send(KEY, body);
        // WHEN another account sends the same body with the same key
        TestApi.Answer theirs = send(api.apiKeys.create(TestApi.OTHER_ACCOUNT, "other"), KEY, body);
        // THEN it is a new email of its own, sent again
        assertEquals(201, theirs.status(), theirs.body());
        assertNotEquals(mine.json().path("id"), theirs.json().path("id"));
        assertEquals(2, api.sender.sent().size());
    }

    @Test
    void aKeyIsForgottenAfter24Hours() {
        // GIVEN an email sent with a key
        String body = email("Order confirmed").toString();
        TestApi.Answer first = send(KEY, body);
        // WHEN the same request comes 24 hours later
        api.advanceClock(Duration.ofHours(24));
        TestApi.Answer later = send(KEY, body);
        // THEN it is a new send, not a replay
        assertEquals(201, later.status(), later.body());
        assertNotEquals(first.json().path("id"), later.json().path("id"));
        assertEquals(2, api.sender.sent().size());
    }
}
