package dev.glint.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A finished answer: status, headers and a JSON body. Every JSON answer is {@code no-store}. */
record ApiResponse(int status, Map<String, String> headers, String body) {

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse ok(Object value) {
        return json(200, "application/json", value);
    }

    static ApiResponse created(String location, Object value) {
        return json(201, "application/json", value).withHeader("Location", location);
    }

    /** 204: done, nothing to say. */
    static ApiResponse noContent() {
        return new ApiResponse(204, Map.of("Cache-Control", "no-store"), "");
    }

    static ApiResponse json(int status, String contentType, Object value) {
        return jsonText(status, contentType, ApiJson.write(value));
    }

    /** A body that is already JSON text (the OpenAPI document). */
    static ApiResponse jsonText(int status, String contentType, String json) {
        return new ApiResponse(status, Map.of(
                "Content-Type", contentType,
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"), json);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, more, body);
    }

    APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
