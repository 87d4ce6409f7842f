package dev.glint.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.glint.attach.AttachmentAudit;
import dev.glint.classify.HitClassifier;
import dev.glint.classify.Verdict;
import dev.glint.enrich.Enricher;
import dev.glint.enrich.GeoLocator;
import dev.glint.enrich.UserAgents;
import dev.glint.hit.HitAnalyst;
import dev.glint.hit.HitRecorder;
import dev.glint.model.AttachmentEvent;
import dev.glint.model.EventType;
import dev.glint.model.Page;
import dev.glint.model.TrackingEvent;
import dev.glint.store.AttachmentEventStore;
import dev.glint.store.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Attachment accesses and viewer beacons through the worker: into the audit log, bounded, idempotent. */
class AttachmentHitsTest {
    private static final String ATT = "att_abcdefghjkmnpqrstvwx";
    private static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final long ENDS = 1_800_000_000L;

    private final Map<String, AttachmentEvent> audit = new TreeMap<>();
    private final Map<String, Instant> keptUntil = new TreeMap<>();
    private final Map<String, TrackingEvent> timeline = new TreeMap<>();
    private final ProcessHitsHandler handler = new ProcessHitsHandler(new HitRecorder(new Timeline(), new NoEmails(),
            new HitAnalyst(HitClassifier.load(), new Enricher(GeoLocator.none(), new UserAgents())),
            new AttachmentAudit(new Audit()), Clock.systemUTC()));

    @Test
    void accessesAndBeaconsLandInTheAuditLogAndReplaysChangeNothing() {
        // GIVEN a view of the attachment, a page beacon with an absurd dwell, and a video beacon
        SQSEvent batch = batch(
                hit("m1", "h-view", "attachment", 1_764_000_000_000L, "{\"action\":\"view\"}"),
                hit("m2", "h-page", "attachment_beacon", 1_764_000_030_000L,
                        "{\"action\":\"page\",\"page\":\"3\",\"dwellMs\":\"99999999\",\"scroll\":\"250\",\"session\":\"s1\"}"),
                hit("m3", "h-video", "attachment_beacon", 1_764_000_040_000L,
                        "{\"action\":\"video\",\"event\":\"play\",\"position\":\"0\",\"session\":\"s1\"}"));

        // WHEN the worker handles it, and then the same batch again (an SQS redelivery)
        SQSBatchResponse first = handler.handleRequest(batch, null);
        Map<String, AttachmentEvent> afterFirst = new TreeMap<>(audit);
        Map<String, TrackingEvent> timelineAfterFirst = new TreeMap<>(timeline);
        SQSBatchResponse replay = handler.handleRequest(batch, null);

        // THEN all three are audited, only the access is on the email's timeline, the beacon is clamped,
        // lines are kept 30 days past the tracking end, and the replay changed nothing
        assertEquals(0, first.getBatchItemFailures().size());
        assertEquals(0, replay.getBatchItemFailures().size());
        assertEquals(List.of("view", "page", "video"), afterFirst.values().stream().map(AttachmentEvent::action).toList());
        AttachmentEvent page = afterFirst.values().stream().filter(e -> e.action().equals("page")).findFirst().orElseThrow();
        assertEquals("120000", page.detail().get("dwellMs"));
        assertEquals("100", page.detail().get("scroll"));
        assertEquals(Verdict.HUMAN, page.insight().verdict(), page.insight().reasons().toString());
        assertEquals(List.of(EventType.ATTACHMENT), timelineAfterFirst.values().stream().map(TrackingEvent::type).toList());
        assertTrue(keptUntil.values().stream().allMatch(t -> t.equals(Instant.ofEpochSecond(ENDS).plusSeconds(30 * 86_400))));
        assertEquals(afterFirst, audit);
        assertEquals(timelineAfterFirst, timeline);
    }

    @Test
    void beaconsBeyondTheSessionCapAreDropped() {
        // GIVEN a session that already sent the most beacons a session may keep
        for (int i = 0; i < AttachmentAudit.MAX_BEACONS_PER_SESSION; i++) {
            handler.handleRequest(batch(hit("m" + i, "h" + i, "attachment_beacon", 1_764_000_000_000L + i * 1000L,
                    "{\"action\":\"page\",\"page\":\"1\",\"dwellMs\":\"1000\",\"session\":\"flood\"}")), null);
        }
        assertEquals(AttachmentAudit.MAX_BEACONS_PER_SESSION, audit.size());

        // WHEN one more arrives in that session, and one in another session
        SQSBatchResponse response = handler.handleRequest(batch(
                hit("more", "h-more", "attachment_beacon", 1_764_001_000_000L,
                        "{\"action\":\"page\",\"page\":\"1\",\"dwellMs\":\"1000\",\"session\":\"flood\"}"),
                hit("other", "h-other", "attachment_beacon", 1_764_001_000_000L,
                        "{\"action\":\"page\",\"page\":\"1\",\"dwellMs\":\"1000\",\"session\":\"fresh\"}")), null);

        // THEN the first is dropped (not retried), the other session's is kept
        assertEquals(0, response.getBatchItemFailures().size());
        assertEquals(AttachmentAudit.MAX_BEACONS_PER_SESSION + 1, audit.size());
        assertTrue(audit.values().stream().anyMatch(e -> e.hitId().equals("h-other")));
        assertTrue(audit.values().stream().noneMatch(e -> e.hitId().equals("h-more")));
    }

    @Test
    void anUnknownBeaconKindIsRetriedAndNotStored() {
        SQSBatchResponse response = handler.handleRequest(batch(hit("bad", "h-bad", "attachment_beacon",
                1_764_000_000_000L, "{\"action\":\"teleport\",\"session\":\"s\"}")), null);
        assertEquals(List.of("bad"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertTrue(audit.isEmpty());
    }

    private static SQSEvent.SQSMessage hit(String messageId, String hitId, String type, long at, String detail) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(messageId);
        m.setBody("""
                {"hitId":"%s","type":"%s","method":"%s","receivedAtMillis":%d,
                 "accountId":"acct_1","emailId":"em_1","recipient":0,"link":0,"destination":"%s",
                 "ip":"198.51.100.7","userAgent":"%s","headers":{"accept":"text/html","accept-language":"en"},
                 "trackingEndsAtSeconds":%d,"detail":%s}""".formatted(hitId, type,
                type.equals("attachment") ? "GET" : "POST", at, ATT, BROWSER, ENDS, detail));
        return m;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private final class Audit implements AttachmentEventStore {
        private final Map<String, java.util.Set<String>> admitted = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public boolean admitBeacon(String attachmentId, String session, String hitId, int max, Instant keepUntil) {
            java.util.Set<String> ids = admitted.computeIfAbsent(attachmentId + "/" + session,
                    k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
            synchronized (ids) {
                if (ids.contains(hitId)) {
                    return true;
                }
                if (ids.size() >= max) {
                    return false;
                }
                return ids.add(hitId);
            }
        }

        @Override
        public boolean putIfAbsent(AttachmentEvent event, Instant keepUntil) {
            String key = event.attachmentId() + "/" + String.format("%013d", event.at().toEpochMilli()) + "#" + event.hitId();
            keptUntil.put(key, keepUntil);
            return audit.putIfAbsent(key, event) == null;
        }

        @Override
        public Page<AttachmentEvent> events(String attachmentId, Optional<String> cursor, int limit) {
            return new Page<>(all(attachmentId), Optional.empty());
        }

        @Override
        public List<AttachmentEvent> all(String attachmentId) {
            return audit.values().stream().filter(e -> e.attachmentId().equals(attachmentId)).toList();
        }
    }

    private final class Timeline implements EventStore {
        @Override
        public boolean putIfAbsent(TrackingEvent event) {
            return timeline.putIfAbsent(event.hitId(), event) == null;
        }

        @Override
        public boolean relabel(TrackingEvent e, Verdict verdict, List<String> reasons, Instant at) {
            return false;
        }

        @Override
        public List<TrackingEvent> recipientEvents(String emailId, int recipient) {
            return new ArrayList<>(timeline.values());
        }

        @Override
        public Page<TrackingEvent> emailEvents(String emailId, Optional<Integer> recipient, Optional<EventType> type,
                Optional<String> cursor, int limit) {
            return new Page<>(new ArrayList<>(timeline.values()), Optional.empty());
        }
    }

}
