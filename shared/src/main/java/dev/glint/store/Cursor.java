package dev.glint.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.glint.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque page cursors: a DynamoDB LastEvaluatedKey of string attributes as URL-safe base64 JSON.
 * A cursor is only accepted for the partition it came from, so it cannot reach another's data.
 */
final class Cursor {
    private Cursor() {}

    static Optional<String> encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> plain = new TreeMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        return Optional.of(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Decodes a cursor: it must hold exactly the key attributes of this query and {@code
     * partitionAttr} must equal {@code partition}; anything else would reach DynamoDB as an
     * invalid start key.
     */
    static Map<String, AttributeValue> decode(
            String cursor, Set<String> attributes, String partitionAttr, String partition) {
        Map<String, String> plain;
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            plain = Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw new InvalidCursorException();
        }
        if (plain == null || !plain.keySet().equals(attributes) || !partition.equals(plain.get(partitionAttr))) {
            throw new InvalidCursorException();
        }
        Map<String, AttributeValue> key = new TreeMap<>();
        plain.forEach((k, v) -> {
            if (v == null) {
                throw new InvalidCursorException();
            }
            key.put(k, AttributeValue.fromS(v));
        });
        return key;
    }
}
