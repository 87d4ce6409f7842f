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
        Classification classification = classifier.classify(HitTraits.of(asClassified(hit), sentAt));
        if (hit.type() == EventType.HONEYPOT) { // whatever it looks like: no reader can see the link
            classification = new Classification(Verdict.SCANNER, List.of(Reclassification.HONEYPOT_HIT),
                    classification.client());
        }
        return HitInsight.of(classification, enricher.enrich(hit.ip(), hit.userAgent()));
    }

    /**
     * A viewer beacon is a POST by design ({@code navigator.sendBeacon}); the rules' non-GET probe
     * check is about pixels and links, so a beacon POST is judged like the page load that sent it.
     */
    private static RawHit asClassified(RawHit hit) {
        if (hit.type() != EventType.ATTACHMENT_BEACON || !hit.method().equals("POST")) {
            return hit;
        }
        return new RawHit(hit.hitId(), hit.type(), "GET", hit.receivedAtMillis(), hit.accountId(), hit.emailId(),
                hit.recipient(), hit.link(), hit.destination(), hit.ip(), hit.userAgent(), hit.headers(),
                hit.trackingEndsAtSeconds(), hit.detail());
    }
}
