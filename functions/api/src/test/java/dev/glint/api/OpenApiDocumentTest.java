package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Json;
import dev.glint.send.Delivery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at /api/v1/openapi.json describes exactly what the router serves. */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String SAMPLE_ID = "em_3k9xq2m7c4v8b1n6p0rt";
    private final TestApi api = new TestApi();

    private JsonNode document() {
        TestApi.Answer answer = api.call(ApiEvents.get("/api/v1/openapi.json"));
        assertEquals(200, answer.status());
        return answer.json();
    }

    /** "GET /api/v1/emails/{id}" for each operation in the document. */
    private static Set<String> documentedOperations(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (HTTP_METHODS.contains(key)) {
                out.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return out;
    }

    @Test
    void isAnOpenApi31DocumentWithBearerSecurity() {
        // GIVEN the served document
        JsonNode doc = document();
        // WHEN its header parts are read
        // THEN it is OpenAPI 3.1.x, secured by a bearer scheme except for itself
        assertTrue(doc.path("openapi").asText().startsWith("3.1."), doc.path("openapi").asText());
        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        assertTrue(doc.path("security").get(0).has("bearer"));
        JsonNode self = doc.path("paths").path("/api/v1/openapi.json").path("get").path("security");
        assertTrue(self.isArray() && self.isEmpty(), "the document itself needs no key");
    }

    @Test
    void listsEveryRouteTheRouterServesAndNoOther() {
        // GIVEN the routes the router matches and the operations the document lists
        Set<String> routed = new TreeSet<>();
        Arrays.stream(Route.values()).forEach(r -> routed.add(r.method() + " " + r.template()));
        // WHEN they are compared
        // THEN they are the same set
        assertEquals(routed, documentedOperations(document()));
    }

    @Test
    void everyDocumentedOperationIsAnsweredAndEveryOtherMethodIs405() {
        JsonNode doc = document();
        for (String operation : documentedOperations(doc)) {
            // GIVEN a documented operation, with a sample id in its path
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", SAMPLE_ID);
            // WHEN the handler gets it with a key
            TestApi.Answer answer = api.call(ApiEvents.request(method, path).bearer(api.key).json("{}"));
            // THEN the router serves it: no 405, and 404 only as the email lookup's answer
            assertNotEquals(405, answer.status(), operation);
            if (answer.status() == 404) {
                assertTrue(path.contains(SAMPLE_ID), operation + " is documented but not routed");
            }
        }
        doc.path("paths").properties().forEach(path -> {
            for (String method : HTTP_METHODS) {
                if (!path.getValue().has(method)) {
                    // AND a method the document does not list for a path is refused with 405
                    String concrete = path.getKey().replace("{id}", SAMPLE_ID);
                    TestApi.Answer answer = api.call(ApiEvents.request(method.toUpperCase(Locale.ROOT), concrete).bearer(api.key));
                    assertEquals(405, answer.status(), method + " " + path.getKey());
                }
            }
        });
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        // GIVEN the document
        JsonNode doc = document();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        // WHEN each $ref is followed
        // THEN it points at something that exists
        assertTrue(refs.size() > 20);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertTrue(!doc.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
        }
    }

    @Test
    void describesTheRequestAndProblemShapesTheCodeUses() {
        // GIVEN the document
        JsonNode schemas = document().path("components").path("schemas");
        // WHEN the send request and problem schemas are read
        // THEN the request lists exactly the fields the parser accepts, closed to others
        JsonNode send = schemas.path("SendEmailRequest");
        Set<String> documented = new TreeSet<>();
        send.path("properties").fieldNames().forEachRemaining(documented::add);
        assertEquals(new TreeSet<>(SendRequestParser.FIELDS), documented);
        assertEquals(false, send.path("additionalProperties").asBoolean(true));
        Set<String> tracking = new TreeSet<>();
        schemas.path("TrackingRequest").path("properties").fieldNames().forEachRemaining(tracking::add);
        assertEquals(new TreeSet<>(SendRequestParser.TRACKING_FIELDS), tracking);
        // AND delivery lists exactly the values the parser accepts, and a copy has the members the answer carries
        Set<String> deliveries = new TreeSet<>();
        send.path("properties").path("delivery").path("enum").forEach(v -> deliveries.add(v.asText()));
        Set<String> wireNames = new TreeSet<>();
        Arrays.stream(Delivery.values()).forEach(d -> wireNames.add(d.wireName()));
        assertEquals(wireNames, deliveries);
        Set<String> copy = new TreeSet<>();
        schemas.path("TrackedCopy").path("properties").fieldNames().forEachRemaining(copy::add);
        Set<String> components = new TreeSet<>();
        Arrays.stream(EmailViews.Copy.class.getRecordComponents()).forEach(c -> components.add(c.getName()));
        assertEquals(components, copy);
        Set<String> created = new TreeSet<>();
        schemas.path("EmailCreated").path("properties").fieldNames().forEachRemaining(created::add);
        Set<String> createdComponents = new TreeSet<>();
        Arrays.stream(EmailViews.Created.class.getRecordComponents()).forEach(c -> createdComponents.add(c.getName()));
        assertEquals(createdComponents, created);
        // AND the problem schema has the RFC 9457 members and the field errors
        JsonNode problem = schemas.path("Problem").path("properties");
        for (String member : List.of("type", "title", "status", "detail", "requestId", "errors")) {
            assertTrue(problem.has(member), member);
        }
    }

    @Test
    void theResourceFileIsTheDocumentServed() throws Exception {
        // GIVEN the openapi.json resource on the class path
        JsonNode file = Json.MAPPER.readTree(OpenApiDocumentTest.class.getResourceAsStream("/openapi.json"));
        // WHEN it is compared with the served document
        // THEN they are the same
        assertEquals(file, document());
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(f -> {
                if (f.getKey().equals("$ref")) {
                    out.add(f.getValue().asText());
                } else {
                    collectRefs(f.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
