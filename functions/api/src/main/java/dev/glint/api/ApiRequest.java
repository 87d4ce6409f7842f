package dev.glint.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API (payload 2.0) event reduced to what the API reads: method, raw path, headers by
 * lower-case name, decoded query parameters and the body. Never throws: a missing part is empty.
 */
record ApiRequest(
        String requestId,
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        @Nullable String body,
        boolean base64) {

    ApiRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    static ApiRequest of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        String requestId = context == null || context.getRequestId() == null || context.getRequestId().isBlank()
                ? UUID.randomUUID().toString()
                : context.getRequestId();
        String method = http == null || http.getMethod() == null ? "" : http.getMethod().toUpperCase(Locale.ROOT);
        String path = event.getRawPath() != null ? event.getRawPath()
                : http != null && http.getPath() != null ? http.getPath() : "";
        Map<String, String> headers = new TreeMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        Map<String, String> query = new TreeMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((k, v) -> {
                if (k != null && v != null) {
                    query.put(k, v);
                }
            });
        }
        return new ApiRequest(requestId, method, path, headers, query, event.getBody(), event.getIsBase64Encoded());
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The body as JSON text: 415 unless the content type is JSON, 413 past {@code maxBytes} of
     * UTF-8, 400 when base64 or UTF-8 is broken. An absent body is empty text (malformed JSON later).
     */
    String jsonBody(long maxBytes) {
        if (!isJson(header("content-type").orElse(""))) {
            throw new ApiException(Problem.unsupportedMediaType());
        }
        if (body == null) {
            return "";
        }
        if (!base64) {
            // A char is at least one byte, so a body with more chars than the limit is too large.
            if (body.length() > maxBytes || Utf8.length(body) > maxBytes) {
                throw new ApiException(Problem.payloadTooLarge(maxBytes));
            }
            return body;
        }
        if ((long) body.length() / 4 * 3 - 2 > maxBytes) {
            throw new ApiException(Problem.payloadTooLarge(maxBytes));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.malformedJson("the body is not valid base64"));
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(Problem.payloadTooLarge(maxBytes));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(Problem.malformedJson("the body is not valid UTF-8"));
        }
    }

    /** {@code application/json} or any {@code application/...+json}, with or without parameters. */
    static boolean isJson(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }
}
