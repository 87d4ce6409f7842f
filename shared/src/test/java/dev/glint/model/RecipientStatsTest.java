package dev.glint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.DeviceType;
import dev.glint.enrich.GeoInfo;
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

    @Test
    void splitsByVerdictAndCountsDevicesAndPlacesOfHumansOnly() {
        // GIVEN a Gmail proxy open, an Apple MPP prefetch, a scanner click and a human click from Lyon
        GeoInfo lyon = new GeoInfo("FR", "Auvergne-Rhone-Alpes", "Lyon", 45.76, 4.84, null, null);
        DeviceInfo mac = new DeviceInfo("Safari", "17", "Mac OS X", "10.15", "Mac", DeviceType.DESKTOP);
        List<TrackingEvent> events = List.of(
                event("g", EventType.OPEN, 3, -1, new HitInsight(Verdict.PROXY_OPEN, List.of("ua"), "Gmail",
                        DeviceInfo.UNKNOWN, null)),
                event("a", EventType.OPEN, 1, -1, new HitInsight(Verdict.PRIVACY_PREFETCH, List.of("mpp"), "Apple Mail",
                        DeviceInfo.UNKNOWN, null)),
                event("s", EventType.CLICK, 2, 0, new HitInsight(Verdict.SCANNER, List.of("fast"), "unknown",
                        DeviceInfo.UNKNOWN, null)),
                event("h", EventType.CLICK, 90, 0, new HitInsight(Verdict.HUMAN, List.of("no machine trait"), "Apple Mail",
                        mac, lyon)));

        // WHEN folded
        RecipientStats stats = RecipientStats.of(events);

        // THEN the proxy open is a likely (not confirmed) open, the prefetch is no open, the scanner
        // click no human click; the first open by a person is the proxy's; device and place are the human's
        assertEquals(2, stats.opens());
        assertEquals(0, stats.confirmedHumanOpens());
        assertEquals(1, stats.likelyOpens());
        assertEquals(Map.of("proxy_open", 1, "privacy_prefetch", 1), stats.opensByVerdict());
        assertEquals(Map.of("scanner", 1, "human", 1), stats.clicksByVerdict());
        assertEquals(1, stats.humanClicks());
        assertEquals(Map.of(0, 2), stats.linkClicks());
        assertEquals(Map.of(0, 1), stats.linkHumanClicks());
        assertEquals(T0.plusSeconds(3), stats.firstHumanOpenAt());
        assertEquals(Map.of("Gmail", 1, "Apple Mail", 1), stats.clients());
        assertEquals(Map.of("desktop / Mac OS X", 1), stats.devices());
        assertEquals(Map.of("FR", 1), stats.countries());
        assertEquals(Map.of("Lyon, FR", 1), stats.cities());
    }

    private static TrackingEvent event(String id, EventType type, int seconds, int link) {
        return event(id, type, seconds, link, new HitInsight(Verdict.HUMAN, List.of("no machine trait"), "unknown",
                DeviceInfo.UNKNOWN, null));
    }

    private static TrackingEvent event(String id, EventType type, int seconds, int link, HitInsight insight) {
        return new TrackingEvent(id, "acct", "em", 0, type, T0.plusSeconds(seconds), link,
                link < 0 ? null : "https://example.com/" + link, "GET", "192.0.2.1", "ua", Map.of(),
                T0.plusSeconds(86_400), insight);
    }
}
