package dev.glint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientStatsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void foldsOpensClicksAndProbesInAnyOrder() {
        // GIVEN events delivered out of order, as SQS may
        List<TrackingEvent> events = List.of(
                event("c2", EventType.CLICK, 90, 1),
                event("o1", EventType.OPEN, 10, -1),
                event("p1", EventType.PROBE, 5, -1),
                event("c1", EventType.CLICK, 20, 1),
                event("o2", EventType.OPEN, 60, -1),
                event("c3", EventType.CLICK, 30, 0));

        // WHEN folded
        RecipientStats stats = RecipientStats.of(events);

        // THEN counts, first/last times and per-link clicks are right, and the version counts every event
        assertEquals(6, stats.version());
        assertEquals(2, stats.opens());
        assertEquals(3, stats.clicks());
        assertEquals(1, stats.probes());
        assertEquals(T0.plusSeconds(10), stats.firstOpenAt());
        assertEquals(T0.plusSeconds(60), stats.lastOpenAt());
        assertEquals(T0.plusSeconds(20), stats.firstClickAt());
        assertEquals(T0.plusSeconds(90), stats.lastClickAt());
        assertEquals(Map.of(0, 1, 1, 2), stats.linkClicks());
        assertEquals(T0.plusSeconds(10), stats.firstSeenAt());
        assertEquals(T0.plusSeconds(90), stats.lastSeenAt());
    }

    @Test
    void aProbeAloneIsNotSeeingTheMail() {
        RecipientStats stats = RecipientStats.of(List.of(event("p", EventType.PROBE, 1, -1)));
        assertEquals(0, stats.opens());
        assertNull(stats.firstSeenAt());
    }

    private static TrackingEvent event(String id, EventType type, int seconds, int link) {
        return new TrackingEvent(id, "acct", "em", 0, type, T0.plusSeconds(seconds), link,
                link < 0 ? null : "https://example.com/" + link, "GET", "192.0.2.1", "ua", Map.of(),
                T0.plusSeconds(86_400));
    }
}
