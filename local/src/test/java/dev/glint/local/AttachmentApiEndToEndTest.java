package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The attachment routes of the local stack over HTTP: announce, PUT to S3, complete, read, revoke. */
class AttachmentApiEndToEndTest {
    private static LocalRunner runner;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.start(new LocalRunner.Options(null, 0,
                Path.of(System.getProperty("glint.emulators.dir")), Files.createTempDirectory("glint-att-e2e-logs")));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void uploadCheckReadAndRevokeThroughTheApi() throws Exception {
        // GIVEN a two-page PDF announced through the API
        byte[] pdf;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.addPage(new PDPage());
            document.save(out);
            pdf = out.toByteArray();
        }
        HttpResponse<String> created = send("POST", "/api/v1/attachments",
                "{\"filename\":\"plan.pdf\",\"size\":" + pdf.length + ",\"mode\":\"view\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode answer = Json.MAPPER.readTree(created.body());
        String id = answer.at("/attachment/id").asText();

        // WHEN the client PUTs the bytes where it was told, with the headers it was told, and completes
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(answer.at("/upload/url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf));
        for (Iterator<Map.Entry<String, JsonNode>> h = answer.at("/upload/headers").fields(); h.hasNext(); ) {
            Map.Entry<String, JsonNode> header = h.next();
            if (!header.getKey().equalsIgnoreCase("content-length")) { // HttpClient sends the body's own length
                put.header(header.getKey(), header.getValue().asText());
            }
        }
        assertEquals(200, http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<String> completed = send("POST", "/api/v1/attachments/" + id + "/complete", null);

        // THEN it is ready with the bytes' hash and pages, and readable through the API
        assertEquals(200, completed.statusCode(), completed.body());
        JsonNode ready = Json.MAPPER.readTree(completed.body()).get("attachment");
        assertEquals("ready", ready.get("status").asText());
        assertEquals("application/pdf", ready.get("contentType").asText());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)), ready.get("sha256").asText());
        assertEquals(2, ready.at("/preview/pages").asInt());
        assertEquals(id, Json.MAPPER.readTree(send("GET", "/api/v1/attachments", null).body()).at("/items/0/id").asText());
        assertEquals(0, Json.MAPPER.readTree(send("GET", "/api/v1/attachments/" + id + "/stats", null).body())
                .at("/totals/views").asInt());
        assertEquals(404, send("GET", "/api/v1/attachments/att_0000000000000000000z", null).statusCode());

        // WHEN it is revoked THEN 204, and it reads as revoked
        assertEquals(204, send("DELETE", "/api/v1/attachments/" + id, null).statusCode());
        JsonNode revoked = Json.MAPPER.readTree(send("GET", "/api/v1/attachments/" + id, null).body());
        assertEquals("revoked", revoked.get("status").asText());
        assertTrue(send("GET", "/api/v1/attachments/" + id + "/events", null).body().contains("\"items\":[]"));
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .header("Authorization", "Bearer " + runner.apiKey());
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
