package dev.glint.attachments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per link, per function instance: a viewer sends a few beacons a minute, a flood
 * gets 429. Instances do not share buckets, so the worker caps what it records per session too.
 */
final class BeaconLimiter {
    /** Beacons a link may send in a burst, and per minute after it. */
    static final int PER_MINUTE = 60;
    private static final long NANOS_PER_BEACON = 60_000_000_000L / PER_MINUTE;
    private static final int MAX_LINKS = 10_000;

    private final LongSupplier nanoTime;
    private final Map<String, long[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_LINKS; // the least recently seen link forgets its bucket
        }
    };

    BeaconLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes {@code count} beacons from the link's bucket: 0 when allowed, else the seconds to wait
     * before so many fit (nothing is taken then).
     */
    synchronized long take(String link, int count) {
        long now = nanoTime.getAsLong();
        // The bucket is kept as the instant it is full again ("theoretical arrival time").
        long[] fullAt = buckets.computeIfAbsent(link, k -> new long[] {now});
        long start = Math.max(fullAt[0], now);
        long next = start + count * NANOS_PER_BEACON;
        long allowedUntil = now + PER_MINUTE * NANOS_PER_BEACON;
        if (next > allowedUntil) {
            return Math.max(1, (next - allowedUntil + 999_999_999L) / 1_000_000_000L);
        }
        fullAt[0] = next;
        return 0;
    }
}
