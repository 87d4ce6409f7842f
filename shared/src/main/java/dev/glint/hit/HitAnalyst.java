package dev.glint.hit;

import dev.glint.classify.HitClassifier;
import dev.glint.classify.HitTraits;
import dev.glint.enrich.Enricher;
import dev.glint.model.HitInsight;
import dev.glint.model.RawHit;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Classifies and enriches a raw hit: the verdict with its reasons, the client, device and place. */
public final class HitAnalyst {
    private final HitClassifier classifier;
    private final Enricher enricher;

    public HitAnalyst(HitClassifier classifier, Enricher enricher) {
        this.classifier = classifier;
        this.enricher = enricher;
    }

    /** @param sentAt when the recipient's copy was sent, if known (timing rules need it) */
    public HitInsight analyse(RawHit hit, @Nullable Instant sentAt) {
        return HitInsight.of(classifier.classify(HitTraits.of(hit, sentAt)), enricher.enrich(hit.ip(), hit.userAgent()));
    }
}
