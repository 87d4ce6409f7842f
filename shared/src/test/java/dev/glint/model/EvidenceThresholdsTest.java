package dev.glint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvidenceThresholdsTest {

    @Test
    void theVersionedResourceHoldsTheDocumentedDefaults() {
        // GIVEN no override in the environment (the build sets none) WHEN the thresholds are read
        EvidenceThresholds t = EvidenceThresholds.current();
        // THEN they are those of evidence-v1.json
        assertEquals(Duration.ofSeconds(120), t.honeypotWindow());
        assertEquals(Duration.ofSeconds(2), t.burstWindow());
        assertEquals(3, t.burstLinks());
        assertEquals(2, t.maxFingerprintsOfOneReader());
    }

    @Test
    void anOperatorFileIsParsedAndAMalformedOneNamesItself() throws Exception {
        EvidenceThresholds t = EvidenceThresholds.parse(Json.MAPPER.readTree("""
                {"reclassification":{"honeypotWindowSeconds":60,"burstWindowSeconds":1,"burstLinks":4},
                 "forwarding":{"maxFingerprintsOfOneReader":3}}"""), "mine.json");
        assertEquals(new EvidenceThresholds(Duration.ofSeconds(60), Duration.ofSeconds(1), 4, 3), t);

        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> EvidenceThresholds.parse(
                Json.MAPPER.readTree("{\"reclassification\":{\"burstLinks\":\"three\"}}"), "mine.json"));
        assertEquals("mine.json: every threshold must be a whole number", bad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new EvidenceThresholds(Duration.ofSeconds(60), Duration.ofSeconds(1), 1, 3));
    }
}
