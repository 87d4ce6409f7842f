package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.model.AttachmentEvent;
import dev.glint.model.HitInsight;
import dev.glint.store.DynamoAttachmentEventStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log and its per-session beacon allowance on dynalite. */
class AttachmentEventStoreDynamoTest {
    private static final String ATTACHMENT = "att_0123456789abcdefghjk";
    private static final Instant KEEP = Instant.now().plusSeconds(3600);
    private static LocalDynamo local;
    private static DynamoAttachmentEventStore store;

    @BeforeAll
    static void start() throws IOException {
        local = LocalDynamo.start();
        store = new DynamoAttachmentEventStore(local.dynamo(), LocalResources.EVENTS_TABLE, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void aSessionKeepsAtMostItsAllowanceAndARedeliveryIsNeverCountedTwice() {
        // GIVEN an allowance of 2 beacons per session
        // WHEN three beacons of one session arrive, then the first again (SQS redelivers)
        assertTrue(store.admitBeacon(ATTACHMENT, "em_a#0#s1", "hit-1", 2, KEEP));
        assertTrue(store.admitBeacon(ATTACHMENT, "em_a#0#s1", "hit-2", 2, KEEP));
        boolean third = store.admitBeacon(ATTACHMENT, "em_a#0#s1", "hit-3", 2, KEEP);
        boolean again = store.admitBeacon(ATTACHMENT, "em_a#0#s1", "hit-1", 2, KEEP);

        // THEN the third is refused, the redelivery admitted (it was counted already), another session unaffected
        assertFalse(third);
        assertTrue(again);
        assertTrue(store.admitBeacon(ATTACHMENT, "em_a#0#s2", "hit-3", 2, KEEP));
    }

    @Test
    void theAuditLogHoldsLinesOnlyNotTheSessionCounters() {
        // GIVEN a line and a session counter in the same attachment's partition
        String attachment = "att_abcdefghjk0123456789";
        store.admitBeacon(attachment, "em_b#1#s", "hit-a", 10, KEEP);
        store.putIfAbsent(new AttachmentEvent("hit-a", attachment, "acct_x", "em_b", 1, "page", Instant.now(),
                Map.of("page", "1", "dwellMs", "1000"), "203.0.113.9", "Mozilla/5.0",
                new HitInsight(Verdict.HUMAN, List.of("test"), "Chrome", DeviceInfo.UNKNOWN, null)), KEEP);

        // WHEN the log is read whole and by page
        // THEN only the line comes back
        assertEquals(List.of("hit-a"), store.all(attachment).stream().map(AttachmentEvent::hitId).toList());
        assertEquals(1, store.events(attachment, java.util.Optional.empty(), 10).items().size());
    }
}
