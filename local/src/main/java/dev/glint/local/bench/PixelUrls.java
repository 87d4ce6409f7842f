package dev.glint.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.local.LocalRunner;
import dev.glint.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real pixel URLs, made the way a user makes them: emails sent through the API, and each
 * recipient's copy read back from the SES emulator's store.
 *
 * @param emails the emails sent
 * @param paths one pixel path ({@code /o/<token>.gif}) per recipient
 */
record PixelUrls(List<SentEmail> emails, List<String> paths) {
    /** An email the bench sent, and to how many recipients. */
    record SentEmail(String id, int recipients) {}

    /** The API's limit of recipients per email. */
    static final int RECIPIENTS_PER_EMAIL = 500;
    private static final Pattern PIXEL = Pattern.compile("src=\"http://127\\.0\\.0\\.1:\\d+(/o/[A-Za-z0-9_-]+\\.gif)\"");

    /** Sends emails to {@code count} recipients in all and returns their pixel paths. */
    static PixelUrls create(LocalRunner runner, HttpClient http, int count) throws IOException, InterruptedException {
        String subject = "pixel-bench " + System.nanoTime();
        List<SentEmail> emails = new ArrayList<>();
        for (int first = 0; first < count; first += RECIPIENTS_PER_EMAIL) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("from", "bench@example.com");
            ArrayNode to = body.putArray("to");
            int last = Math.min(count, first + RECIPIENTS_PER_EMAIL);
            for (int i = first; i < last; i++) {
                to.add("r" + i + "@example.com");
            }
            body.put("subject", subject);
            body.put("html", "<html><body><p>Hello</p></body></html>");
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(runner.baseUri().resolve("/api/v1/emails"))
                    .header("Authorization", "Bearer " + runner.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (sent.statusCode() != 201) {
                throw new IOException("sending the bench email failed: " + sent.statusCode() + " " + sent.body());
            }
            emails.add(new SentEmail(Json.MAPPER.readTree(sent.body()).get("id").asText(), last - first));
        }
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode copy : store(runner.sesUri(), http).path("emails")) {
            if (copy.path("subject").asText().equals(subject)) {
                Matcher m = PIXEL.matcher(copy.at("/body/html").asText());
                if (m.find()) {
                    paths.add(m.group(1));
                }
            }
        }
        if (paths.size() != count) {
            throw new IOException("expected " + count + " distinct pixel URLs in the SES store, found " + paths.size());
        }
        return new PixelUrls(List.copyOf(emails), List.copyOf(paths));
    }

    private static JsonNode store(URI ses, HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> store = http.send(HttpRequest.newBuilder(ses.resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (store.statusCode() != 200) {
            throw new IOException("SES emulator store: " + store.statusCode());
        }
        return Json.MAPPER.readTree(store.body());
    }
}
