package dev.glint.model;

import dev.glint.classify.Classification;
import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.Enrichment;
import dev.glint.enrich.GeoInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the worker learned about a hit: who most likely caused it and why, the mail client, the
 * device and where it came from. Geo of a proxy or scanner is the machine's, not the reader's.
 */
public record HitInsight(
        Verdict verdict, List<String> reasons, String client, DeviceInfo device, @Nullable GeoInfo geo) {

    public HitInsight {
        reasons = List.copyOf(reasons);
    }

    public static HitInsight of(Classification classification, Enrichment enrichment) {
        return new HitInsight(classification.verdict(), classification.reasons(), classification.client(),
                enrichment.device(), enrichment.geo().orElse(null));
    }

    /** Whether this hit is evidence that a person opened the mail (a human, or a provider's proxy for one). */
    public boolean countsAsOpen() {
        return verdict == Verdict.HUMAN || verdict == Verdict.PROXY_OPEN;
    }
}
