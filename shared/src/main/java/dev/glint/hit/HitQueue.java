package dev.glint.hit;

import dev.glint.model.RawHit;

/** Where answered hits go to be enriched and stored: SQS in AWS and locally. */
public interface HitQueue {
    /** Hands the hit on durably, or throws. */
    void publish(RawHit hit);
}
