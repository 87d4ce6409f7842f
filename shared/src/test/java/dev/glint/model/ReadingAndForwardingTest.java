package dev.glint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.DeviceType;
import dev.glint.enrich.GeoInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reading bucket and the forward likelihood a recipient's events fold to. */
class ReadingAndForwardingTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final DeviceInfo IPHONE = new DeviceInfo("Mobile Safari UI/WKWebView", null, "iOS", "17.5", "iPhone",
            DeviceType.MOBILE);
    private static final DeviceInfo OUTLOOK = new DeviceInfo("Outlook", "16", "Windows", "10", null, DeviceType.DESKTOP);
    private static final DeviceInfo CHROME_MAC = new DeviceInfo("Chrome", "131", "Mac OS X", "10.15", "Mac",
            DeviceType.DESKTOP);
    private static final GeoInfo BERLIN = new GeoInfo("DE", "Berlin", "Berlin", null, null, 3320L, "Telekom");
    private static final GeoInfo LYON = new GeoInfo("FR", "Auvergne-Rhone-Alpes", "Lyon", null, null, 3215L, "Orange");
    private static final GeoInfo MUNICH = new GeoInfo("DE", "Bavaria", "Munich", null, null, 8881L, "Versatel");

    @Test
    void aHumanOpenWithReadStepsTwoAndEightIsRead() {
        // GIVEN a human open, then the 2 s and 8 s beacons
        List<TrackingEvent> events = List.of(open("o", 0, Verdict.HUMAN), read("r2", 2, 2, Verdict.HUMAN),
                read("r8", 8, 8, Verdict.HUMAN));
        // WHEN folded
        RecipientStats stats = RecipientStats.of(events);
        // THEN the bucket is read, 8 s measured, and no beacon counts as an open
        assertEquals(new Reading(Reading.Bucket.READ, 8), stats.reading());
        assertEquals(1, stats.opens());
        assertEquals(3, stats.version());
    }

    @Test
    void theTwentySecondStepIsReportedAsTheMeasurement() {
        List<TrackingEvent> events = List.of(open("o", 0, Verdict.HUMAN), read("r2", 2, 2, Verdict.HUMAN),
                read("r8", 8, 8, Verdict.HUMAN), read("r20", 20, 20, Verdict.HUMAN));
        assertEquals(new Reading(Reading.Bucket.READ, 20), Reading.of(events));
    }

    @Test
    void reachingTwoButNotEightIsSkimmed() {
        List<TrackingEvent> events = List.of(open("o", 0, Verdict.HUMAN), read("r2", 2, 2, Verdict.HUMAN));
        assertEquals(new Reading(Reading.Bucket.SKIMMED, 2), Reading.of(events));
    }

    @Test
    void aHumanOpenWithoutAnyBeaconIsGlancedOrUnsupportedWithNoDuration() {
        // GIVEN a human open and no read beacon at all
        Reading reading = Reading.of(List.of(open("o", 0, Verdict.HUMAN)));
        // THEN it cannot be told from a client without animations: no duration is invented
        assertEquals(Reading.Bucket.GLANCED_OR_UNSUPPORTED, reading.bucket());
        assertNull(reading.readSeconds());
    }

    @Test
    void opensOnlyThroughAProxyOrPrefetchAreUnmeasurableWhateverTheirBeacons() {
        // GIVEN a Gmail proxy open with proxied beacons, an MPP prefetch and a scanner that loaded every step
        List<TrackingEvent> events = List.of(open("g", 0, Verdict.PROXY_OPEN), read("g8", 8, 8, Verdict.PROXY_OPEN),
                open("a", 1, Verdict.PRIVACY_PREFETCH), read("a20", 20, 20, Verdict.PRIVACY_PREFETCH),
                read("s8", 9, 8, Verdict.SCANNER));
        // THEN nothing says how long a person read
        assertEquals(Reading.NONE, Reading.of(events));
        assertEquals(Reading.Bucket.UNMEASURABLE, Reading.of(List.of()).bucket());
    }

    @Test
    void scannerBeaconsDoNotLengthenAHumanRead() {
        List<TrackingEvent> events = List.of(open("o", 0, Verdict.HUMAN), read("r2", 2, 2, Verdict.HUMAN),
                read("s20", 20, 20, Verdict.SCANNER));
        assertEquals(new Reading(Reading.Bucket.SKIMMED, 2), Reading.of(events));
    }

    @Test
    void oneReaderOnOneDeviceIsNotForwarded() {
        List<TrackingEvent> events = List.of(
                event("o1", EventType.OPEN, 0, insight(Verdict.HUMAN, IPHONE, BERLIN)),
                event("o2", EventType.OPEN, 3_600, insight(Verdict.HUMAN, IPHONE, BERLIN)));
        assertEquals(Forwarding.NONE, RecipientStats.of(events).forwarding());
    }

    @Test
    void aNewCountryAndDeviceAfterTheFirstHumanOpenIsLikelyWithEvidence() {
        // GIVEN an open on an iPhone in Berlin, then one on Windows/Outlook in Lyon 3 h later
        List<TrackingEvent> events = List.of(
                event("o1", EventType.OPEN, 0, insight(Verdict.HUMAN, IPHONE, BERLIN)),
                event("o2", EventType.OPEN, 3 * 3_600, insight(Verdict.HUMAN, OUTLOOK, LYON)));
        // WHEN folded
        Forwarding forwarding = RecipientStats.of(events).forwarding();
        // THEN forwarded is likely, and the evidence says what was seen
        assertEquals(Forwarding.Likelihood.LIKELY, forwarding.forwarded());
        assertEquals(List.of("opened on iPhone in Berlin, then opened on Windows/Outlook in Lyon 3 h later"),
                forwarding.evidence());
    }

    @Test
    void moreThanTwoFingerprintsInOneCountryArePossible() {
        // GIVEN three devices or networks, all in Germany
        List<TrackingEvent> events = List.of(
                event("o1", EventType.OPEN, 0, insight(Verdict.HUMAN, IPHONE, BERLIN)),
                event("o2", EventType.OPEN, 600, insight(Verdict.HUMAN, CHROME_MAC, BERLIN)),
                event("o3", EventType.OPEN, 1_200, insight(Verdict.HUMAN, CHROME_MAC, MUNICH)));
        // WHEN folded
        Forwarding forwarding = Forwarding.of(events);
        // THEN a forward is possible, not likely, with the fingerprints listed
        assertEquals(Forwarding.Likelihood.POSSIBLE, forwarding.forwarded());
        assertEquals(1, forwarding.evidence().size());
        assertTrue(forwarding.evidence().get(0).startsWith("3 distinct device/network fingerprints"),
                forwarding.evidence().get(0));
    }

    @Test
    void aForwardBeaconIsLikelyButAScannerOneIsNot() {
        TrackingEvent first = event("o1", EventType.OPEN, 0, insight(Verdict.HUMAN, IPHONE, BERLIN));
        TrackingEvent scanner = event("f0", EventType.FORWARD, 5, insight(Verdict.SCANNER, DeviceInfo.UNKNOWN, null));
        assertEquals(Forwarding.NONE, Forwarding.of(List.of(first, scanner)));

        Forwarding forwarding = Forwarding.of(List.of(first, scanner,
                event("f1", EventType.FORWARD, 7_200, insight(Verdict.HUMAN, OUTLOOK, LYON))));
        assertEquals(Forwarding.Likelihood.LIKELY, forwarding.forwarded());
        assertEquals(List.of("the copy was shown quoted inside a reply or forward (Windows/Outlook in Lyon)"),
                forwarding.evidence());
    }

    @Test
    void beaconsAreNeitherOpensNorDevices() {
        RecipientStats stats = RecipientStats.of(List.of(
                event("r", EventType.READ, 2, 2, insight(Verdict.HUMAN, IPHONE, BERLIN)),
                event("f", EventType.FORWARD, 3, insight(Verdict.HUMAN, IPHONE, BERLIN))));
        assertEquals(0, stats.opens());
        assertNull(stats.firstHumanOpenAt());
        assertEquals(Map.of(), stats.devices());
    }

    private static TrackingEvent open(String id, int seconds, Verdict verdict) {
        return event(id, EventType.OPEN, seconds, insight(verdict, IPHONE, BERLIN));
    }

    private static TrackingEvent read(String id, int seconds, int step, Verdict verdict) {
        return event(id, EventType.READ, seconds, step, insight(verdict, IPHONE, BERLIN));
    }

    private static HitInsight insight(Verdict verdict, DeviceInfo device, GeoInfo geo) {
        return new HitInsight(verdict, List.of("test"), "unknown", device, geo);
    }

    private static TrackingEvent event(String id, EventType type, int seconds, HitInsight insight) {
        return event(id, type, seconds, -1, insight);
    }

    private static TrackingEvent event(String id, EventType type, int seconds, int link, HitInsight insight) {
        return new TrackingEvent(id, "acct", "em", 0, type, T0.plusSeconds(seconds), link, null, "GET", "192.0.2.1",
                "ua", Map.of(), T0.plusSeconds(86_400), insight);
    }
}
