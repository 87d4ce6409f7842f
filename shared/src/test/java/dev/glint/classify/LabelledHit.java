package dev.glint.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** One case of the labelled set built from public documentation ({@code classify/labelled-hits.jsonl}). */
record LabelledHit(String id, HitTraits traits, Verdict expected, Optional<String> expectedClient, boolean knownMiss,
        String source, String line) {

    static final String RESOURCE = "/classify/labelled-hits.jsonl";

    static List<LabelledHit> all() {
        ObjectMapper mapper = new ObjectMapper();
        List<LabelledHit> hits = new ArrayList<>();
        try (InputStream in = LabelledHit.class.getResourceAsStream(RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    hits.add(of(mapper.readTree(line), line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static LabelledHit of(JsonNode n, String line) {
        Map<String, String> headers = new HashMap<>();
        n.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        JsonNode seconds = n.path("seconds_since_send");
        HitTraits traits = new HitTraits(
                HitKind.fromWire(n.get("kind").asText()).orElseThrow(),
                n.get("method").asText(),
                n.get("ip").asText(),
                n.get("user_agent").asText(),
                headers,
                seconds.isNumber() ? OptionalLong.of(seconds.asLong()) : OptionalLong.empty());
        return new LabelledHit(
                n.get("id").asText(),
                traits,
                Verdict.fromWire(n.get("expected").asText()).orElseThrow(),
                n.has("expected_client") ? Optional.of(n.get("expected_client").asText()) : Optional.empty(),
                n.path("known_miss").asBoolean(false),
                n.path("source").asText(""),
                line);
    }
}
