package dev.glint.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.glint.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The API's JSON: the shared mapper plus ISO-8601 instants ({@link Instant#toString()}), which
 * saves the jar the jsr310 module, and a strict reader for request bodies.
 */
final class ApiJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .registerModule(new SimpleModule("glint-api-instants").addSerializer(Instant.class, ToStringSerializer.instance));

    /** Request bodies: a repeated key or text after the value is malformed, not silently dropped. */
    static final ObjectReader STRICT_READER = MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ApiJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
