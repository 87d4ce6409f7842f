package dev.glint.mail;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link GlintTracker} over Glint's REST API: {@code POST /api/v1/emails} with {@code "delivery": "client"}. */
final class HttpGlintTracker implements GlintTracker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 500;

    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;

    HttpGlintTracker(URI endpoint, String apiKey, Duration timeout) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /** One client for the JVM: it is thread-safe, and a client per send would leave a selector thread each. */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                // Never follow: the request carries the API key.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Registered register(Registration mail) throws GlintApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(mail), StandardCharsets.UTF_8));
        mail.idempotencyKey().ifPresent(key -> request.header("Idempotency-Key", key));
        HttpResponse<String> response;
        try {
            response = Client.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new GlintApiException("Glint's API at " + endpoint + " did not answer within " + timeout.toMillis()
                    + " ms", 0, e);
        } catch (IOException e) {
            throw new GlintApiException("Glint's API at " + endpoint + " could not be reached: " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlintApiException("interrupted while registering the mail with Glint", 0, e);
        }
        int status = response.statusCode();
        if (status != 200 && status != 201) {
            throw new GlintApiException(refusal(status, response.body()), status, null);
        }
        return registered(mail, status, response.body());
    }

    private static String body(Registration mail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", mail.from());
        addresses(body.putArray("to"), mail.to());
        addresses(body.putArray("cc"), mail.cc());
        addresses(body.putArray("bcc"), mail.bcc());
        body.put("subject", mail.subject());
        if (mail.html() != null) {
            body.put("html", mail.html());
        }
        if (mail.text() != null) {
            body.put("text", mail.text());
        }
        body.put("delivery", "client");
        return body.toString();
    }

    private static void addresses(ArrayNode array, List<String> addresses) {
        addresses.forEach(array::add);
    }

    private Registered registered(Registration mail, int status, String body) throws GlintApiException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new GlintApiException("Glint's API answered " + status + " with a body that is not JSON", status, e);
        }
        JsonNode copies = root == null ? null : root.get("copies");
        if (copies == null || !copies.isArray()) {
            throw new GlintApiException("Glint's API answered " + status + " without copies: it does not support"
                    + " \"delivery\": \"client\" (an older version?)", status, null);
        }
        if (copies.size() != mail.recipientCount()) {
            throw new GlintApiException("Glint's API answered " + copies.size() + " copies for "
                    + mail.recipientCount() + " recipients", status, null);
        }
        List<Copy> out = new ArrayList<>(copies.size());
        for (int i = 0; i < copies.size(); i++) {
            JsonNode copy = copies.get(i);
            if (copy.path("recipient").asInt(-1) != i) {
                throw new GlintApiException("Glint's API answered copies out of recipient order", status, null);
            }
            out.add(new Copy(i, text(copy.get("html")), text(copy.get("text"))));
        }
        return new Registered(root.path("id").asText(""), out);
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The API's problem body in one line: its status, title, detail and each invalid field. */
    private static String refusal(int status, String body) {
        StringBuilder out = new StringBuilder("Glint's API refused the mail: ").append(status);
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.isObject()) {
                appendIf(out, " ", problem.path("title").asText(""));
                appendIf(out, ": ", problem.path("detail").asText(""));
                for (JsonNode error : problem.path("errors")) {
                    out.append("; ").append(error.path("field").asText("?")).append(' ')
                            .append(error.path("detail").asText(""));
                }
            }
        } catch (JacksonException e) {
            // not a problem body: the status says enough
        }
        if (status == 401) {
            out.append(" (check mail.glint.api.key)");
        }
        return out.length() > MAX_DETAIL ? out.substring(0, MAX_DETAIL) + "…" : out.toString();
    }

    private static void appendIf(StringBuilder out, String separator, String value) {
        if (!value.isEmpty()) {
            out.append(separator).append(value);
        }
    }
}
