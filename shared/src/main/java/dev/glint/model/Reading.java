package dev.glint.model;

import dev.glint.classify.Verdict;
import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How long a recipient kept the mail open, as far as the read beacons show: never an invented
 * duration. Only {@code human} events count; a proxy's or prefetcher's beacon loads say nothing
 * about a person's reading.
 *
 * @param readSeconds the last read step reached (2, 8 or 20: "at least that long"), or null when no
 *     step was seen
 */
public record Reading(Bucket bucket, @Nullable Integer readSeconds) {

    /** A recipient with no event: nothing to measure. */
    public static final Reading NONE = new Reading(Bucket.UNMEASURABLE, null);

    /** Under 2 s and "the client never ran the animation" look the same (no beacon), so they share a bucket. */
    public enum Bucket {
        /** No human open: nothing seen, or opens only through an image proxy or a privacy prefetch. */
        UNMEASURABLE,
        /** A human open and no 2 s beacon: a glance under 2 s, or a client without CSS animations. */
        GLANCED_OR_UNSUPPORTED,
        /** The 2 s beacon loaded, the 8 s one did not: 2–8 s. */
        SKIMMED,
        /** The 8 s beacon loaded: 8 s or more (20 s when {@code readSeconds} says so). */
        READ;

        /** The lower-case name used in JSON and stored aggregates. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a wire name; unknown or missing names read as unmeasurable. */
        public static Bucket fromWire(@Nullable String value) {
            for (Bucket b : values()) {
                if (b.wire().equals(value)) {
                    return b;
                }
            }
            return UNMEASURABLE;
        }
    }

    /** Folds a recipient's events: the furthest human read step, else whether a human open exists. */
    public static Reading of(Collection<TrackingEvent> events) {
        int step = 0;
        boolean humanOpen = false;
        for (TrackingEvent e : events) {
            if (e.insight().verdict() != Verdict.HUMAN) {
                continue;
            }
            if (e.type() == EventType.OPEN) {
                humanOpen = true;
            } else if (e.type() == EventType.READ) {
                step = Math.max(step, e.link());
            }
        }
        if (step >= 8) {
            return new Reading(Bucket.READ, step);
        }
        if (step >= 2) {
            return new Reading(Bucket.SKIMMED, step);
        }
        return humanOpen ? new Reading(Bucket.GLANCED_OR_UNSUPPORTED, null) : NONE;
    }
}
