package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Ids;
import dev.glint.model.Json;
import org.junit.jupiter.api.Test;

/** An unexpected failure is a 500 problem with the request id; its cause goes to one log line, not to the caller. */
class UnexpectedFailureTest {
    private static final String SECRET = "table glint-main: item for victim@example.com is corrupt";
    private final TestApi api = new TestApi();

    @Test
    void answers500WithTheRequestIdAndNeverTheExceptionMessage() throws Exception {
        // GIVEN a store that fails with a message quoting data
        api.emails.failWith(new IllegalStateException(SECRET, new RuntimeException("cause with victim@example.com")));
        ApiEvents request = ApiEvents.get("/api/v1/emails/" + Ids.email()).bearer(api.key);
        // WHEN an email is requested
        var event = request.event();
        TestApi.Answer answer = api.call(event);
        // THEN the caller gets a 500 problem with the request id and nothing of the cause
        assertEquals(500, answer.status());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        JsonNode body = answer.json();
        String requestId = event.getRequestContext().getRequestId();
        assertEquals("https://glint.example/problems/internal", body.path("type").asText());
        assertEquals(500, body.path("status").asInt());
        assertEquals(requestId, body.path("requestId").asText());
        assertFalse(answer.body().contains("victim"));
        assertFalse(answer.body().contains("corrupt"));
        assertFalse(answer.body().contains("IllegalStateException"));
        assertFalse(answer.body().contains("dev.glint"), "no stack frames");
        // AND one JSON log line names the request and the exception class, not its message
        assertEquals(1, api.errorLog.size());
        String line = api.errorLog.get(0);
        assertFalse(line.contains("\n"));
        JsonNode logged = Json.MAPPER.readTree(line);
        assertEquals(requestId, logged.path("requestId").asText());
        assertEquals("/api/v1/emails/{id}", logged.path("route").asText());
        assertEquals("java.lang.IllegalStateException", logged.path("exception").get(0).asText());
        assertTrue(logged.path("stack").size() > 0);
        assertFalse(line.contains("victim"));
        assertFalse(line.contains("corrupt"));
        assertFalse(line.contains(api.key));
    }

    @Test
    void logsNothingForProblemsTheCallerCaused() {
        // GIVEN a bad request
        // WHEN it is answered with a 400
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/emails").bearer(api.key).json("{\"to\": 1}"));
        // THEN nothing is logged as an error
        assertEquals(400, answer.status());
        assertTrue(api.errorLog.isEmpty());
    }
}
