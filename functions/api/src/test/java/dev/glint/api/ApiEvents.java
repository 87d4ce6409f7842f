package dev.glint.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.glint.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds HTTP API (payload 2.0) events for the handler from a real AWS sample event
 * ({@code events/apigw-v2-request-no-authorizer.json}): only method, path, headers, query and body change.
 */
final class ApiEvents {
    private static final String FIXTURE = "/events/apigw-v2-request-no-authorizer.json";

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers;
    private final Map<String, String> query = new LinkedHashMap<>();

    private ApiEvents(String method, String path) {
        event = fixture();
        event.setRawPath(path);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("content-length");
        event.setBody(null);
    }

    static ApiEvents request(String method, String path) {
        return new ApiEvents(method, path);
    }

    static ApiEvents get(String path) {
        return request("GET", path);
    }

    static ApiEvents post(String path) {
        return request("POST", path);
    }

    /** The sample event as AWS publishes it. */
    static APIGatewayV2HTTPEvent fixture() {
        try (InputStream in = Objects.requireNonNull(ApiEvents.class.getResourceAsStream(FIXTURE), FIXTURE)) {
            return Json.MAPPER.readValue(in, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiEvents header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    ApiEvents bearer(String key) {
        return header("authorization", "Bearer " + key);
    }

    ApiEvents query(String name, String value) {
        query.put(name, value);
        return this;
    }

    ApiEvents json(String body) {
        header("content-type", "application/json");
        return body(body);
    }

    ApiEvents body(String body) {
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return this;
    }

    APIGatewayV2HTTPEvent event() {
        event.setHeaders(headers);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=').append(v));
        event.setRawQueryString(raw.toString());
        return event;
    }
}
