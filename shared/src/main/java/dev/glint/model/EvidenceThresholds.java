package dev.glint.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The thresholds of retroactive relabelling and forward detection, as data: the versioned
 * resource {@code evidence-v1.json}, or the file named by {@code GLINT_EVIDENCE_THRESHOLDS}.
 * Read once per process; a malformed file stops start-up with its name.
 *
 * @param honeypotWindow how far around a honeypot hit a click (or a hit from its address) is the same machine
 * @param burstWindow the span within which {@code burstLinks} distinct links clicked are a machine
 * @param maxFingerprintsOfOneReader more distinct device/network fingerprints than this make a forward possible
 */
public record EvidenceThresholds(
        Duration honeypotWindow, Duration burstWindow, int burstLinks, int maxFingerprintsOfOneReader) {
    /** Environment variable naming a replacement file. */
    public static final String OVERRIDE = "GLINT_EVIDENCE_THRESHOLDS";
    private static final String RESOURCE = "evidence-v1.json";
    private static final EvidenceThresholds CURRENT = load();

    public EvidenceThresholds {
        if (honeypotWindow.isNegative() || burstWindow.isNegative() || burstLinks < 2 || maxFingerprintsOfOneReader < 1) {
            throw new IllegalArgumentException("evidence thresholds out of range");
        }
    }

    /** The thresholds this process uses. */
    public static EvidenceThresholds current() {
        return CURRENT;
    }

    private static EvidenceThresholds load() {
        String override = System.getenv(OVERRIDE);
        try (InputStream in = override == null || override.isBlank()
                ? EvidenceThresholds.class.getResourceAsStream(RESOURCE)
                : Files.newInputStream(Path.of(override))) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(Json.MAPPER.readTree(in), override == null ? RESOURCE : override);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence thresholds " + (override == null ? RESOURCE : override), e);
        }
    }

    static EvidenceThresholds parse(JsonNode root, String source) {
        JsonNode r = root.path("reclassification");
        JsonNode f = root.path("forwarding");
        if (!r.path("honeypotWindowSeconds").isInt() || !r.path("burstWindowSeconds").isInt()
                || !r.path("burstLinks").isInt() || !f.path("maxFingerprintsOfOneReader").isInt()) {
            throw new IllegalStateException(source + ": every threshold must be a whole number");
        }
        return new EvidenceThresholds(
                Duration.ofSeconds(r.get("honeypotWindowSeconds").asInt()),
                Duration.ofSeconds(r.get("burstWindowSeconds").asInt()),
                r.get("burstLinks").asInt(),
                f.get("maxFingerprintsOfOneReader").asInt());
    }
}
