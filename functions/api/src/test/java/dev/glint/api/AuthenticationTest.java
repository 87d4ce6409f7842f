package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.auth.ApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every route but the OpenAPI document needs a valid key; without one the answer is 401 and nothing is read. */
class AuthenticationTest {
    private final TestApi api = new TestApi();

    private void assertUnauthorized(TestApi.Answer answer) {
        assertEquals(401, answer.status(), answer.body());
        assertEquals("Bearer", answer.header("WWW-Authenticate"));
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("https://glint.example/problems/unauthorized", answer.json().path("type").asText());
        assertEquals(401, answer.json().path("status").asInt());
    }

    @Test
    void answers401WithoutAnAuthorizationHeader() {
        // GIVEN a request with no Authorization header
        // WHEN it asks for the email list
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails"));
        // THEN it is refused and storage is not read
        assertUnauthorized(answer);
        assertTrue(api.storageUntouched());
    }

    @Test
    void answers401ForMalformedAuthorization() {
        String almost = api.key.substring(0, api.key.length() - 1);
        for (String header : List.of("", "Bearer", "Bearer ", "Basic " + api.key, api.key,
                "Bearer " + almost, "Bearer " + api.key + "x", "Bearer sk_" + api.key.substring(4))) {
            // GIVEN an Authorization header that is not "Bearer glk_<43 chars>"
            // WHEN it is used
            TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails").header("Authorization", header));
            // THEN it is refused
            assertUnauthorized(answer);
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void answers401ForAWellFormedKeyThatWasNeverIssued() {
        // GIVEN a key of the right shape from another key store
        String foreign = new ApiKeys(new InMemoryApiKeyStore()).create(TestApi.ACCOUNT, "elsewhere");
        // WHEN it is used to send
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/emails").bearer(foreign).json("{}"));
        // THEN it is refused before the body is looked at
        assertUnauthorized(answer);
        assertTrue(api.storageUntouched());
    }

    @Test
    void checksTheKeyBeforeTheBody() {
        // GIVEN malformed JSON of the wrong content type and no key
        // WHEN it is posted
        TestApi.Answer answer = api.call(ApiEvents.post("/api/v1/emails").header("content-type", "text/plain").body("{"));
        // THEN the caller learns only that a key is needed
        assertUnauthorized(answer);
    }

    @Test
    void acceptsTheBearerSchemeInAnyCase() {
        // GIVEN the issued key with a lower-case scheme name
        // WHEN it asks for the email list
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/emails").header("Authorization", "bearer " + api.key));
        // THEN it is served
        assertEquals(200, answer.status(), answer.body());
    }

    @Test
    void servesTheOpenApiDocumentWithoutAKey() {
        // GIVEN no Authorization header
        // WHEN the OpenAPI document is requested
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/openapi.json"));
        // THEN it is served
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("3.1.0", answer.json().path("openapi").asText());
    }
}
