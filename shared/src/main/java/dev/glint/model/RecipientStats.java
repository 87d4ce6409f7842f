package dev.glint.model;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One recipient's aggregate, a pure function of its events. {@code version} is the number of
 * events folded in: events are only ever added, so a higher version is always the newer view,
 * and writing the same version twice is harmless (this is what makes retries safe).
 */
public record RecipientStats(
        int version,
        int opens,
        int clicks,
        int probes,
        @Nullable Instant firstOpenAt,
        @Nullable Instant lastOpenAt,
        @Nullable Instant firstClickAt,
        @Nullable Instant lastClickAt,
        Map<Integer, Integer> linkClicks) {

    public static final RecipientStats EMPTY = new RecipientStats(0, 0, 0, 0, null, null, null, null, Map.of());

    public RecipientStats {
        linkClicks = Map.copyOf(linkClicks);
    }

    /** Folds a recipient's complete event list. */
    public static RecipientStats of(Collection<TrackingEvent> events) {
        int opens = 0;
        int clicks = 0;
        int probes = 0;
        Instant firstOpen = null;
        Instant lastOpen = null;
        Instant firstClick = null;
        Instant lastClick = null;
        Map<Integer, Integer> links = new TreeMap<>();
        for (TrackingEvent e : events) {
            switch (e.type()) {
                case OPEN -> {
                    opens++;
                    firstOpen = min(firstOpen, e.at());
                    lastOpen = max(lastOpen, e.at());
                }
                case CLICK -> {
                    clicks++;
                    firstClick = min(firstClick, e.at());
                    lastClick = max(lastClick, e.at());
                    links.merge(e.link(), 1, Integer::sum);
                }
                case PROBE -> probes++;
            }
        }
        return new RecipientStats(events.size(), opens, clicks, probes, firstOpen, lastOpen, firstClick, lastClick, links);
    }

    /** When this recipient was first seen doing anything that counts (open or click). */
    public @Nullable Instant firstSeenAt() {
        return min(firstOpenAt, firstClickAt);
    }

    /** When this recipient was last seen opening or clicking. */
    public @Nullable Instant lastSeenAt() {
        return max(lastOpenAt, lastClickAt);
    }

    /** The earlier of two optional instants. */
    public static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The later of two optional instants. */
    public static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
