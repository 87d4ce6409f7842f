package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown paths are 404, known paths with the wrong method 405 with Allow, all as problem bodies. */
class RoutingTest {
    private final TestApi api = new TestApi();

    @Test
    void readsTheAwsSampleEventAsAGetOfItsPath() {
        // GIVEN the HTTP API sample event exactly as AWS publishes it (GET /)
        APIGatewayV2HTTPEvent sample = ApiEvents.fixture();
        // WHEN the handler gets it
        TestApi.Answer answer = api.call(sample);
        // THEN "/" is not an API route, and the request id of the event is in the problem
        assertEquals(404, answer.status());
        assertEquals("LV7fzho-PHcEJPw=", answer.json().path("requestId").asText());
    }

    @Test
    void answers404ProblemForUnknownPaths() {
        for (String path : List.of("/api", "/api/v1", "/api/v2/emails", "/api/v1/email", "/api/v1/emails/",
                "/api/v1/emails/em_x/stats/more", "/api/v1/emails//stats", "/api/v1/OPENAPI.JSON")) {
            // GIVEN a path the API does not serve, with a valid key
            // WHEN it is requested
            TestApi.Answer answer = api.call(ApiEvents.get(path).bearer(api.key));
            // THEN it is a 404 problem
            assertEquals(404, answer.status(), path);
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertEquals("https://glint.example/problems/not-found", answer.json().path("type").asText());
            assertEquals("no-store", answer.header("Cache-Control"));
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void answers404ForUnknownPathsEvenWithoutAKey() {
        // GIVEN no key
        // WHEN an unknown path is requested
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/accounts"));
        // THEN it is 404, not 401: the routes are public in the OpenAPI document anyway
        assertEquals(404, answer.status());
    }

    @Test
    void answers405WithAllowForAKnownPathAndAnotherMethod() {
        record Case(String method, String path, String allow) {}
        for (Case c : List.of(
                new Case("DELETE", "/api/v1/emails", "GET, POST"),
                new Case("PUT", "/api/v1/emails", "GET, POST"),
                new Case("POST", "/api/v1/emails/em_3k9xq2m7c4v8b1n6p0rt", "GET"),
                new Case("DELETE", "/api/v1/emails/em_3k9xq2m7c4v8b1n6p0rt/events", "GET"),
                new Case("HEAD", "/api/v1/emails/em_3k9xq2m7c4v8b1n6p0rt/stats", "GET"),
                new Case("POST", "/api/v1/openapi.json", "GET"))) {
            // GIVEN a path the API serves, with a method it does not
            // WHEN it is requested with a valid key
            TestApi.Answer answer = api.call(ApiEvents.request(c.method(), c.path()).bearer(api.key));
            // THEN it is 405 naming the methods that work
            assertEquals(405, answer.status(), c.toString());
            assertEquals(c.allow(), answer.header("Allow"));
            assertEquals("https://glint.example/problems/method-not-allowed", answer.json().path("type").asText());
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void answers400NamingLimitWhenItIsOutOfRangeOrNotANumber() {
        for (String limit : List.of("0", "101", "-1", "abc", "1.5", "25,30", "99999999999")) {
            // GIVEN a list request with a bad limit
            // WHEN it is made
            TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails").bearer(api.key).query("limit", limit));
            // THEN the limit is named and storage is not read
            assertEquals(400, answer.status(), limit);
            assertEquals(List.of("limit"), answer.invalidFields());
            assertEquals("must be a whole number from 1 to 100", answer.detailOf("limit"));
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void everyJsonAnswerIsNotStoredByCaches() {
        // GIVEN one answer of each kind: success, 400, 401, 404, 405
        List<TestApi.Answer> answers = List.of(
                api.call(ApiEvents.get("/api/v1/emails").bearer(api.key)),
                api.call(ApiEvents.get("/api/v1/emails").bearer(api.key).query("limit", "0")),
                api.call(ApiEvents.get("/api/v1/emails")),
                api.call(ApiEvents.get("/api/v1/nothing")),
                api.call(ApiEvents.request("PATCH", "/api/v1/emails")),
                api.call(ApiEvents.get("/api/v1/openapi.json")));
        // WHEN their headers are read
        // THEN every one says no-store and nosniff
        for (TestApi.Answer answer : answers) {
            assertEquals("no-store", answer.header("Cache-Control"), answer.body());
            assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        }
    }

    @Test
    void toleratesAnEventWithoutRequestContext() {
        // GIVEN an event with a path and nothing else
        APIGatewayV2HTTPEvent bare = new APIGatewayV2HTTPEvent();
        bare.setRawPath("/api/v1/emails");
        // WHEN it is handled
        TestApi.Answer answer = api.call(bare);
        // THEN it is a 405 (no method) with a generated request id, not a crash
        assertEquals(405, answer.status());
        assertFalse(answer.json().path("requestId").asText().isBlank());
        assertNull(answer.header("WWW-Authenticate"));
    }
}
