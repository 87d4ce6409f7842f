package dev.glint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which read receipt a recipient's aggregate shows. */
class ReadReceiptTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void isNullWithoutReceipts() {
        assertNull(ReadReceipt.of(List.of()));
        assertNull(ReadReceipt.of(List.of(event("o", EventType.OPEN, 1, null, "GET"))));
    }

    @Test
    void takesTheFirstDisplayedReceiptOverEarlierOtherOnes() {
        // GIVEN a deletion first, then two "displayed" receipts out of order
        List<TrackingEvent> events = List.of(
                event("d", EventType.READ_RECEIPT, 10, "deleted", "automatic"),
                event("late", EventType.READ_RECEIPT, 90, "displayed", "automatic"),
                event("early", EventType.READ_RECEIPT, 40, "displayed", "manual"));
        // WHEN folded THEN the earliest "displayed" one wins, with its mode
        assertEquals(new ReadReceipt("displayed", T0.plusSeconds(40), true), ReadReceipt.of(events));
    }

    @Test
    void takesTheFirstReceiptOfAnyKindWhenNoneSaysDisplayed() {
        List<TrackingEvent> events = List.of(
                event("p", EventType.READ_RECEIPT, 50, "processed", "automatic"),
                event("d", EventType.READ_RECEIPT, 20, "deleted", "manual"));
        assertEquals(new ReadReceipt("deleted", T0.plusSeconds(20), true), ReadReceipt.of(events));
    }

    @Test
    void ignoresOtherEventsAndReceiptsWithoutADisposition() {
        List<TrackingEvent> events = List.of(
                event("o", EventType.OPEN, 1, "displayed", "manual"),
                event("c", EventType.CLICK, 2, "https://example.com/", "GET"),
                event("x", EventType.READ_RECEIPT, 3, null, "manual"),
                event("r", EventType.READ_RECEIPT, 30, "displayed", "automatic"));
        assertEquals(new ReadReceipt("displayed", T0.plusSeconds(30), false), ReadReceipt.of(events));
    }

    @Test
    void isPartOfTheRecipientAggregateWithoutCountingAsAnOpen() {
        RecipientStats stats = RecipientStats.of(List.of(event("r", EventType.READ_RECEIPT, 5, "displayed", "manual")));
        assertEquals(new ReadReceipt("displayed", T0.plusSeconds(5), true), stats.readReceipt());
        assertEquals(0, stats.opens());
        assertNull(stats.firstSeenAt());
        assertEquals(1, stats.version());
    }

    private static TrackingEvent event(String id, EventType type, int seconds, @Nullable String destination,
            String method) {
        return new TrackingEvent(id, "acct", "em", 0, type, T0.plusSeconds(seconds), -1, destination, method, "", "",
                Map.of(), T0.plusSeconds(86_400), new HitInsight(Verdict.HUMAN, List.of("read receipt"), "unknown",
                        DeviceInfo.UNKNOWN, null));
    }
}
