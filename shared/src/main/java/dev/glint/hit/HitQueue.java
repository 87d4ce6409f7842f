package dev.glint.hit;

import dev.glint.model.RawHit;

/** Where answered hits go to be enriched and stored: SQS in AWS and locally. */
public interface HitQueue {
    /** Hands the hit on durably, or throws. */
    void publish(RawHit hit);

    /** Hands all the hits on durably (in as few calls as the queue allows), or throws. */
    default void publishAll(java.util.List<RawHit> hits) {
        hits.forEach(this::publish);
    }
}
