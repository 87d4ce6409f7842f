package dev.glint.hit;

import dev.glint.classify.Classification;
import dev.glint.classify.HitClassifier;
import dev.glint.classify.HitTraits;
import dev.glint.classify.Verdict;
import dev.glint.enrich.Enricher;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.RawHit;
import java.time.Instant;
import java.util.List;
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
        Classification classification = classifier.classify(HitTraits.of(hit, sentAt));
        if (hit.type() == EventType.HONEYPOT) { // whatever it looks like: no reader can see the link
            classification = new Classification(Verdict.SCANNER, List.of(Reclassification.HONEYPOT_HIT),
                    classification.client());
        }
        return HitInsight.of(classification, enricher.enrich(hit.ip(), hit.userAgent()));
    }
}
