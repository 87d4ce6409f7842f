package dev.glint.hit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.TrackingEvent;
import dev.glint.model.VerdictChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which earlier events later evidence relabels, and that it relabels each only once. */
class ReclassificationTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final HitInsight HUMAN =
            new HitInsight(Verdict.HUMAN, List.of("no machine trait"), "unknown", DeviceInfo.UNKNOWN, null);

    @Test
    void aHoneypotHitTakesClicksWithin120sAndOpensFromItsAddressOnly() {
        // GIVEN a honeypot hit from one address, and around it clicks and opens from two addresses
        List<TrackingEvent> events = List.of(
                event("honeypot", EventType.HONEYPOT, 0, "192.0.2.1", -1),
                event("click-other-ip", EventType.CLICK, -90, "198.51.100.1", 0),
                event("click-too-early", EventType.CLICK, -121, "192.0.2.1", 0),
                event("open-same-ip", EventType.OPEN, 100, "192.0.2.1", -1),
                event("open-other-ip", EventType.OPEN, 10, "198.51.100.1", -1));

        // WHEN the evidence is applied
        List<String> relabelled = Reclassification.of(events).stream().map(r -> r.event().hitId()).sorted().toList();

        // THEN the click within the window (any address) and the open from the honeypot's address turn scanner
        assertEquals(List.of("click-other-ip", "open-same-ip"), relabelled);
        Reclassification.of(events).forEach(r -> {
            assertEquals(Verdict.SCANNER, r.verdict());
            assertEquals(List.of(Reclassification.HONEYPOT_BURST), r.reasons());
        });
    }

    @Test
    void twoLinksAtOnceOrTheSameLinkThriceIsNoBurst() {
        // GIVEN the same link clicked three times in one second, and a second link
        List<TrackingEvent> events = List.of(
                event("a", EventType.CLICK, 0, "192.0.2.1", 0),
                event("b", EventType.CLICK, 0, "192.0.2.1", 0),
                event("c", EventType.CLICK, 1, "192.0.2.1", 0),
                event("d", EventType.CLICK, 1, "192.0.2.1", 1));

        // WHEN the evidence is applied THEN nothing is relabelled: a burst needs three distinct links
        assertEquals(List.of(), Reclassification.of(events));
    }

    @Test
    void anEventAlreadyRelabelledForTheEvidenceIsLeftAlone() {
        // GIVEN a click a scanner rule caught, then relabelled for the honeypot hit next to it
        TrackingEvent click = new TrackingEvent("click", "acct", "em", 0, EventType.CLICK, T0, 0, "https://x.example/",
                "GET", "192.0.2.1", "ua", Map.of(), T0.plusSeconds(86_400),
                new HitInsight(Verdict.SCANNER, List.of(Reclassification.HONEYPOT_BURST, "timing:impossible-click"),
                        "unknown", DeviceInfo.UNKNOWN, null),
                1, List.of(new VerdictChange(Verdict.SCANNER, List.of("timing:impossible-click"), T0)));
        List<TrackingEvent> events = List.of(click, event("honeypot", EventType.HONEYPOT, 5, "192.0.2.1", -1));

        // WHEN the evidence is applied again THEN there is nothing to do
        assertEquals(List.of(), Reclassification.of(events));
    }

    @Test
    void aScannerClickKeepsItsFirstReasonsAfterTheEvidence() {
        // GIVEN a click a timing rule already called a scanner, and a honeypot hit after it
        TrackingEvent click = new TrackingEvent("click", "acct", "em", 0, EventType.CLICK, T0, 0, "https://x.example/",
                "GET", "192.0.2.1", "ua", Map.of(), T0.plusSeconds(86_400),
                new HitInsight(Verdict.SCANNER, List.of("timing:impossible-click"), "unknown", DeviceInfo.UNKNOWN, null));
        List<TrackingEvent> events = List.of(click, event("honeypot", EventType.HONEYPOT, 5, "192.0.2.1", -1));

        // WHEN the evidence is applied THEN the honeypot comes first and the timing reason stays
        assertEquals(List.of(Reclassification.HONEYPOT_BURST, "timing:impossible-click"),
                Reclassification.of(events).get(0).reasons());
    }

    private static TrackingEvent event(String id, EventType type, int seconds, String ip, int link) {
        return new TrackingEvent(id, "acct", "em", 0, type, T0.plusSeconds(seconds), link,
                link < 0 ? null : "https://x.example/" + link, "GET", ip, "ua", Map.of(), T0.plusSeconds(86_400),
                type == EventType.HONEYPOT
                        ? new HitInsight(Verdict.SCANNER, List.of(Reclassification.HONEYPOT_HIT), "unknown",
                                DeviceInfo.UNKNOWN, null)
                        : HUMAN);
    }
}
