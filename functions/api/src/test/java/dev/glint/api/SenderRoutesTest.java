package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.model.Sender;
import org.junit.jupiter.api.Test;

class SenderRoutesTest {
    private final TestApi api = new TestApi();

    @Test
    void registersListsUpdatesAndRemovesASender() {
        // WHEN a sender is registered with read receipts on
        TestApi.Answer created = api.call(ApiEvents.post("/api/v1/senders").bearer(api.key)
                .json("{\"address\":\"Alice@Example.com\",\"readReceipts\":true}"));

        // THEN it is stored lower case with opens and clicks tracked by default
        assertEquals(201, created.status(), created.body());
        assertEquals("/api/v1/senders/alice@example.com", created.headers().get("location"));
        assertEquals("alice@example.com", created.json().get("address").asText());
        assertTrue(created.json().get("trackOpens").asBoolean());
        assertTrue(created.json().get("readReceipts").asBoolean());
        Sender stored = api.senders.find("alice@example.com").orElseThrow();
        assertEquals(TestApi.ACCOUNT, stored.accountId());

        // WHEN it is registered again with clicks off: an update, 200, creation time kept
        TestApi.Answer updated = api.call(ApiEvents.post("/api/v1/senders").bearer(api.key)
                .json("{\"address\":\"alice@example.com\",\"trackClicks\":false}"));
        assertEquals(200, updated.status(), updated.body());
        assertFalse(updated.json().get("trackClicks").asBoolean());
        assertFalse(updated.json().get("readReceipts").asBoolean());
        assertEquals(created.json().get("createdAt").asText(), updated.json().get("createdAt").asText());

        // THEN the listing shows it once
        TestApi.Answer listed = api.call(ApiEvents.get("/api/v1/senders").bearer(api.key));
        assertEquals(200, listed.status());
        assertEquals(1, listed.json().get("items").size());

        // WHEN it is deleted (address percent-encoded) THEN 204, and a second delete is 404
        assertEquals(204, api.call(ApiEvents.request("DELETE", "/api/v1/senders/alice%40example.com").bearer(api.key)).status());
        assertEquals(404, api.call(ApiEvents.request("DELETE", "/api/v1/senders/alice@example.com").bearer(api.key)).status());
        assertTrue(api.senders.find("alice@example.com").isEmpty());
    }

    @Test
    void anAddressOfAnotherAccountIsAConflictAndCannotBeDeletedFromHere() {
        api.senders.put(new Sender("bob@example.com", TestApi.OTHER_ACCOUNT, true, true, false, TestApi.NOW));
        TestApi.Answer taken = api.call(ApiEvents.post("/api/v1/senders").bearer(api.key)
                .json("{\"address\":\"bob@example.com\"}"));
        assertEquals(409, taken.status(), taken.body());
        assertEquals("application/problem+json", taken.headers().get("content-type"));
        assertEquals("address", taken.json().at("/errors/0/field").asText());
        assertEquals(404, api.call(ApiEvents.request("DELETE", "/api/v1/senders/bob@example.com").bearer(api.key)).status());
        assertEquals(TestApi.OTHER_ACCOUNT, api.senders.find("bob@example.com").orElseThrow().accountId());
    }

    @Test
    void badInputNamesEachField() {
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/senders").bearer(api.key)
                .json("{\"address\":\"Alice <alice@example.com>\",\"trackOpens\":\"yes\",\"colour\":1}"));
        assertEquals(400, answer.status(), answer.body());
        assertEquals(3, answer.json().get("errors").size(), answer.body());
        TestApi.Answer missing = api.call(ApiEvents.post("/api/v1/senders").bearer(api.key).json("{}"));
        assertEquals("address", missing.json().at("/errors/0/field").asText());
        assertEquals(401, api.call(ApiEvents.get("/api/v1/senders")).status());
        assertTrue(api.senders.list(TestApi.ACCOUNT).isEmpty());
    }
}
