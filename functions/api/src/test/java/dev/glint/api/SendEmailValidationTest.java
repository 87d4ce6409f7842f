package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input to POST /api/v1/emails: every problem named in one 400, and nothing stored or sent. */
class SendEmailValidationTest {
    private final TestApi api = new TestApi();

    private static ObjectNode valid() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com");
        body.put("subject", "Hello");
        body.put("html", "<p>Hi <a href=\"https://example.com/x\">there</a></p>");
        return body;
    }

    private TestApi.Answer send(String body) {
        return api.call(ApiEvents.post("/api/v1/emails").bearer(api.key).json(body));
    }

    private TestApi.Answer send(JsonNode body) {
        return send(body.toString());
    }

    private void assertValidationProblem(TestApi.Answer answer) {
        assertEquals(400, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        assertEquals("https://glint.example/problems/validation", answer.json().path("type").asText());
        assertEquals(400, answer.json().path("status").asInt());
        assertTrue(api.storageUntouched(), "bad input must not reach storage or SES");
    }

    @Test
    void rejectsMalformedJsonWithItsPositionAndWithoutEchoingTheBody() {
        // GIVEN a body cut off in the middle of an address
        String body = "{\"from\": \"alice@example.com\", \"to\": [\"secret.person@exa";
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN it is a malformed-JSON problem that points at the place and does not quote the body
        assertEquals(400, answer.status());
        assertEquals("https://glint.example/problems/malformed-json", answer.json().path("type").asText());
        assertTrue(answer.json().path("detail").asText().contains("line 1"));
        assertTrue(!answer.body().contains("secret.person"));
        assertTrue(api.storageUntouched());
    }

    @Test
    void rejectsARepeatedKeyAndTextAfterTheObjectAsMalformed() {
        // GIVEN a body with "subject" twice, and a body with a second value after the object
        ObjectNode ok = valid();
        String repeated = ok.toString().replace("\"subject\":\"Hello\"", "\"subject\":\"Hello\",\"subject\":\"Again\"");
        String trailing = ok + " {}";
        // WHEN each is posted
        // THEN neither is silently half-read
        for (String body : List.of(repeated, trailing, "", "   ")) {
            TestApi.Answer answer = send(body);
            assertEquals(400, answer.status(), body);
            assertEquals("https://glint.example/problems/malformed-json", answer.json().path("type").asText());
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        // GIVEN a JSON array as the body
        // WHEN it is posted
        TestApi.Answer answer = send("[{\"from\": \"alice@example.com\"}]");
        // THEN the problem names the root
        assertValidationProblem(answer);
        assertEquals(List.of("$"), answer.invalidFields());
    }

    @Test
    void namesEveryMissingFieldInOneAnswer() {
        // GIVEN an empty object
        // WHEN it is posted
        TestApi.Answer answer = send("{}");
        // THEN from, to, subject and html are all named at once
        assertValidationProblem(answer);
        assertEquals(List.of("from", "to", "subject", "html"), answer.invalidFields());
        assertEquals("4 fields are invalid", answer.json().path("detail").asText());
    }

    @Test
    void namesEachInvalidAddressByItsPosition() {
        // GIVEN recipients with several kinds of broken address
        ObjectNode body = valid();
        body.putArray("to").add("bob@example.com").add("not-an-address").add("carol@localhost")
                .add("dave@exa mple.com").add("Erin <erin@example.com>").add(".frank@example.com")
                .add("gina@[192.168.0.1]").add("hank@example..com").add("ivan@-bad.example");
        body.putArray("cc").add(42);
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN each bad one is named by list and index, and the good one is not
        assertValidationProblem(answer);
        assertEquals(List.of("to[1]", "to[2]", "to[3]", "to[4]", "to[5]", "to[6]", "to[7]", "to[8]", "cc[0]"),
                answer.invalidFields());
        assertTrue(answer.detailOf("to[1]").contains("@"));
        assertTrue(answer.detailOf("to[4]").contains("plain address"));
        assertEquals("must be a string, not a number", answer.detailOf("cc[0]"));
    }

    @Test
    void rejectsHeaderInjectionThroughLineBreaks() {
        // GIVEN a sender and a subject that try to smuggle in a Bcc header
        ObjectNode body = valid();
        body.put("from", "alice@example.com\r\nBcc: victim@example.com");
        body.put("subject", "Hello\nBcc: victim@example.com");
        body.putArray("to").add("bob@example.com\r\n");
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN all three are refused for their line breaks
        assertValidationProblem(answer);
        assertEquals(List.of("from", "to[0]", "subject"), answer.invalidFields());
        for (String field : answer.invalidFields()) {
            assertEquals("must not contain line breaks", answer.detailOf(field));
        }
    }

    @Test
    void rejectsTheSameRecipientTwiceAcrossListsWhateverTheCase() {
        // GIVEN bob in to, BOB in cc and carol twice in bcc
        ObjectNode body = valid();
        body.putArray("to").add("bob@example.com");
        body.putArray("cc").add("BOB@Example.COM");
        body.putArray("bcc").add("carol@example.com").add("Carol@example.com");
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN each repeat is named with where the address first appeared
        assertValidationProblem(answer);
        assertEquals(List.of("cc[0]", "bcc[1]"), answer.invalidFields());
        assertTrue(answer.detailOf("cc[0]").contains("to[0]"));
        assertTrue(answer.detailOf("bcc[1]").contains("bcc[0]"));
    }

    @Test
    void rejectsMoreThan500RecipientsInAll() {
        // GIVEN 300 addresses in to and 201 in bcc
        ObjectNode body = valid();
        ArrayNode to = body.putArray("to");
        for (int i = 0; i < 300; i++) {
            to.add("r" + i + "@example.com");
        }
        ArrayNode bcc = body.putArray("bcc");
        for (int i = 0; i < 201; i++) {
            bcc.add("b" + i + "@example.com");
        }
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN the count is refused
        assertValidationProblem(answer);
        assertEquals(List.of("to"), answer.invalidFields());
        assertTrue(answer.detailOf("to").contains("501"));
    }

    @Test
    void rejectsAnEmptyOrOverlongSubject() {
        for (String subject : List.of("", "   ", "x".repeat(999))) {
            // GIVEN an otherwise valid email with this subject
            ObjectNode body = valid();
            body.put("subject", subject);
            // WHEN it is posted
            TestApi.Answer answer = send(body);
            // THEN the subject is named
            assertValidationProblem(answer);
            assertEquals(List.of("subject"), answer.invalidFields());
        }
    }

    @Test
    void acceptsASubjectOf998CharactersAsFarAsValidationGoes() {
        // GIVEN a 998-character subject and an unknown field, so the request still stops before storage
        ObjectNode body = valid();
        body.put("subject", "é".repeat(998));
        body.put("subjet", "typo");
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN only the unknown field is named
        assertValidationProblem(answer);
        assertEquals(List.of("subjet"), answer.invalidFields());
    }

    @Test
    void rejectsUnknownFieldsSoThatTyposAreNotIgnored() {
        // GIVEN "subjet" for "subject", "CC" for "cc" and "track" inside tracking
        ObjectNode body = valid();
        body.put("subjet", "Hello");
        body.putArray("CC").add("carol@example.com");
        body.putObject("tracking").put("opens", false).put("click", false);
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN each unknown name is reported
        assertValidationProblem(answer);
        assertEquals(List.of("subjet", "CC", "tracking.click"), answer.invalidFields());
        assertTrue(answer.detailOf("subjet").contains("subject"));
    }

    @Test
    void namesTheWrongJsonType() {
        // GIVEN each field with the wrong type
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("from").add("alice@example.com");
        body.put("to", "bob@example.com");
        body.put("subject", 5);
        body.put("html", true);
        body.putObject("text");
        body.put("tracking", "yes");
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN each is named with the type that was expected and the one that came
        assertValidationProblem(answer);
        assertEquals("must be a string, not an array", answer.detailOf("from"));
        assertTrue(answer.detailOf("to").startsWith("must be an array of address strings, not a string"));
        assertEquals("must be a string, not a number", answer.detailOf("subject"));
        assertEquals("must be a string, not a boolean", answer.detailOf("html"));
        assertEquals("must be a string, not an object", answer.detailOf("text"));
        assertTrue(answer.detailOf("tracking").startsWith("must be an object"));
    }

    @Test
    void rejectsNonBooleanTrackingFlags() {
        // GIVEN "opens": "false" as a string
        ObjectNode body = valid();
        body.putObject("tracking").put("opens", "false").put("clicks", 0);
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN both flags are named
        assertValidationProblem(answer);
        assertEquals(List.of("tracking.opens", "tracking.clicks"), answer.invalidFields());
    }

    @Test
    void answers413ForA10MegabyteHtmlBody() {
        // GIVEN a 10 MB HTML part (API Gateway would accept it, the API must not)
        ObjectNode body = valid();
        body.put("html", "<p>" + "x".repeat(10_000_000) + "</p>");
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN it is refused as too large before it is parsed
        assertEquals(413, answer.status());
        assertEquals("https://glint.example/problems/payload-too-large", answer.json().path("type").asText());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        assertTrue(api.storageUntouched());
    }

    @Test
    void answers413WhenMultibyteCharactersPushTheBodyPast5MiB() {
        // GIVEN 1.8 million characters that take 3 bytes each: under the limit in chars, over it in bytes
        ObjectNode body = valid();
        body.put("text", "€".repeat(1_800_000));
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN the size is measured as UTF-8
        assertEquals(413, answer.status());
    }

    @Test
    void namesHtmlOver4MiBAndTextOver1MiBWhenTheBodyFits() {
        // GIVEN html one byte over 4 MiB, and separately text one byte over 1 MiB: each body is under 5 MiB
        ObjectNode html = valid();
        html.put("html", "y".repeat((4 << 20) + 1));
        ObjectNode text = valid();
        text.remove("html");
        text.put("text", "z".repeat((1 << 20) + 1));
        // WHEN each is posted
        TestApi.Answer htmlAnswer = send(html);
        TestApi.Answer textAnswer = send(text);
        // THEN the part is named with its size
        assertValidationProblem(htmlAnswer);
        assertEquals(List.of("html"), htmlAnswer.invalidFields());
        assertTrue(htmlAnswer.detailOf("html").contains("4194305 bytes"));
        assertValidationProblem(textAnswer);
        assertEquals(List.of("text"), textAnswer.invalidFields());
    }

    @Test
    void answers415UnlessTheBodyIsSentAsJson() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "")) {
            // GIVEN a valid JSON body with another (or no) content type
            ApiEvents request = ApiEvents.post("/api/v1/emails").bearer(api.key).body(valid().toString());
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            // WHEN it is posted
            TestApi.Answer answer = api.call(request);
            // THEN it is refused as the wrong media type
            assertEquals(415, answer.status(), type);
            assertEquals("https://glint.example/problems/unsupported-media-type", answer.json().path("type").asText());
        }
        assertTrue(api.storageUntouched());
    }

    @Test
    void acceptsJsonWithACharsetParameterAndBase64Encoding() {
        // GIVEN a body with an unknown field so that it stops at validation, sent base64-encoded
        // with "application/json; charset=UTF-8" (API Gateway encodes bodies it thinks are binary)
        ObjectNode body = valid();
        body.put("extra", 1);
        ApiEvents request = ApiEvents.post("/api/v1/emails").bearer(api.key)
                .header("content-type", "application/json; charset=UTF-8")
                .body(Base64.getEncoder().encodeToString(body.toString().getBytes(StandardCharsets.UTF_8)));
        var event = request.event();
        event.setIsBase64Encoded(true);
        // WHEN it is posted
        TestApi.Answer answer = api.call(event);
        // THEN it was decoded and read: the unknown field is the only problem
        assertValidationProblem(answer);
        assertEquals(List.of("extra"), answer.invalidFields());
    }

    @Test
    void requiresHtmlOrText() {
        // GIVEN neither html nor text, then both empty
        ObjectNode none = valid();
        none.remove("html");
        ObjectNode empty = valid();
        empty.put("html", "");
        empty.put("text", "");
        for (ObjectNode body : List.of(none, empty)) {
            // WHEN it is posted
            TestApi.Answer answer = send(body);
            // THEN html is named
            assertValidationProblem(answer);
            assertEquals(List.of("html"), answer.invalidFields());
        }
    }

    @Test
    void listsAtMostOneHundredErrorsButCountsThemAll() {
        // GIVEN 400 broken addresses
        ObjectNode body = valid();
        ArrayNode to = body.putArray("to");
        for (int i = 0; i < 400; i++) {
            to.add("broken" + i);
        }
        // WHEN it is posted
        TestApi.Answer answer = send(body);
        // THEN the first 100 are listed and the total is in the detail
        assertValidationProblem(answer);
        assertEquals(100, answer.invalidFields().size());
        assertEquals("400 fields are invalid; the first 100 are listed", answer.json().path("detail").asText());
    }
}
