package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.classify.HitClassifier;
import dev.glint.classify.Verdict;
import dev.glint.enrich.Enricher;
import dev.glint.enrich.GeoLocator;
import dev.glint.enrich.UserAgents;
import dev.glint.hit.HitAnalyst;
import dev.glint.hit.HitRecorder;
import dev.glint.hit.Reclassification;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.Ids;
import dev.glint.model.Page;
import dev.glint.model.RawHit;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.model.TrackingEvent;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import dev.glint.store.EmailStore;
import dev.glint.store.InvalidCursorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency and crash safety of event and aggregate writes, against DynamoDB (dynalite). */
class HitRecorderDynamoTest {
    private static final HitAnalyst ANALYST = new HitAnalyst(HitClassifier.load(),
            new Enricher(GeoLocator.none(), new UserAgents()));
    private static LocalDynamo local;
    private static DynamoEmailStore emails;
    private static DynamoEventStore events;

    @BeforeAll
    static void start() throws Exception {
        local = LocalDynamo.start();
        emails = new DynamoEmailStore(local.dynamo(), LocalResources.MAIN_TABLE);
        events = new DynamoEventStore(local.dynamo(), LocalResources.EVENTS_TABLE, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void theSameHitDeliveredTwiceIsOneEvent() {
        String emailId = newEmail(2);
        HitRecorder recorder = new HitRecorder(events, emails, ANALYST);
        RawHit open = hit(emailId, 0, EventType.OPEN, -1);

        assertTrue(recorder.record(open));
        assertFalse(recorder.record(open));

        assertEquals(1, events.recipientEvents(emailId, 0).size());
        assertEquals(1, stats(emailId, 0).opens());
    }

    @Test
    void aCrashBetweenTheEventWriteAndTheFoldLeavesCorrectAggregatesAfterTheRetry() {
        // GIVEN a store that dies once, after the event is written and before the aggregate is
        String emailId = newEmail(1);
        RawHit click = hit(emailId, 0, EventType.CLICK, 3);
        EmailStore dying = new CrashingEmailStore(emails, new AtomicBoolean(true));

        // WHEN the first attempt crashes and SQS redelivers the same hit
        assertThrows(IllegalStateException.class, () -> new HitRecorder(events, dying, ANALYST).record(click));
        assertEquals(0, stats(emailId, 0).clicks(), "the crash left the aggregate behind the events");
        new HitRecorder(events, emails, ANALYST).record(click);

        // THEN exactly one click is counted
        RecipientStats stats = stats(emailId, 0);
        assertEquals(1, stats.clicks());
        assertEquals(Map.of(3, 1), stats.linkClicks());
        assertEquals(1, events.recipientEvents(emailId, 0).size());
    }

    @Test
    void aBatchFoldsEachRecipientOnceAndFailsOnlyTheMessagesOfARecipientThatFailed() {
        // GIVEN a batch: five clicks of recipient 0 (a scanner following every link) and one open of
        // recipient 1, with a store whose next fold fails (recipient 0's, which comes first)
        String emailId = newEmail(2);
        Map<String, RawHit> batch = new java.util.LinkedHashMap<>();
        for (int link = 0; link < 4; link++) {
            batch.put("m" + link, hit(emailId, 0, EventType.CLICK, link));
        }
        batch.put("m-open", hit(emailId, 1, EventType.OPEN, -1));

        // WHEN the batch is recorded
        java.util.Set<String> failed =
                new HitRecorder(events, new CrashingEmailStore(emails, new AtomicBoolean(true)), ANALYST).recordAll(batch);

        // THEN only recipient 0's messages come back for retry; recipient 1 is folded
        assertEquals(java.util.Set.of("m0", "m1", "m2", "m3"), failed);
        assertEquals(1, stats(emailId, 1).opens());
        assertEquals(0, stats(emailId, 0).clicks());

        // WHEN SQS redelivers them THEN all four clicks count once
        Map<String, RawHit> retry = new java.util.LinkedHashMap<>(batch);
        retry.remove("m-open");
        assertTrue(new HitRecorder(events, emails, ANALYST).recordAll(retry).isEmpty());
        assertEquals(4, stats(emailId, 0).clicks());
        assertEquals(4, events.recipientEvents(emailId, 0).size());
    }

    @Test
    void anOlderViewNeverOverwritesANewerOne() {
        // GIVEN a recipient whose aggregate already folds two opens
        String emailId = newEmail(1);
        HitRecorder recorder = new HitRecorder(events, emails, ANALYST);
        recorder.record(hit(emailId, 0, EventType.OPEN, -1));
        recorder.record(hit(emailId, 0, EventType.OPEN, -1));

        // WHEN a slow worker arrives late with its view of one event
        emails.foldRecipient(emailId, 0, RecipientStats.of(events.recipientEvents(emailId, 0).subList(0, 1)));

        // THEN the newer view stays
        assertEquals(2, stats(emailId, 0).opens());
    }

    @Test
    void concurrentHitsOfManyRecipientsAllCount() throws Exception {
        // GIVEN 8 recipients with 5 opens each, recorded from 4 threads at once
        String emailId = newEmail(8);
        List<RawHit> hits = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int i = 0; i < 5; i++) {
                hits.add(hit(emailId, r, EventType.OPEN, -1));
            }
        }
        HitRecorder recorder = new HitRecorder(events, emails, ANALYST);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (RawHit h : hits) {
                done.add(pool.submit(() -> recorder.record(h)));
            }
            for (Future<Boolean> f : done) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN every recipient's aggregate holds its five opens
        List<RecipientRecord> recipients = emails.recipients(emailId);
        assertEquals(8, recipients.size());
        recipients.forEach(r -> assertEquals(5, r.stats().opens(), r.address()));
    }

    @Test
    void eventPagesFollowTheCursorAndRejectAForeignOne() {
        String emailId = newEmail(1);
        HitRecorder recorder = new HitRecorder(events, emails, ANALYST);
        for (int i = 0; i < 5; i++) {
            recorder.record(hit(emailId, 0, EventType.OPEN, -1));
        }
        Page<?> first = events.emailEvents(emailId, Optional.empty(), Optional.empty(), Optional.empty(), 2);
        assertEquals(2, first.items().size());
        String cursor = first.nextCursor().orElseThrow();
        Page<?> second = events.emailEvents(emailId, Optional.empty(), Optional.empty(), Optional.of(cursor), 10);
        assertEquals(3, second.items().size());

        Page<?> ofRecipient = events.emailEvents(emailId, Optional.of(0), Optional.empty(), Optional.empty(), 2);
        String recipientCursor = ofRecipient.nextCursor().orElseThrow();
        assertThrows(InvalidCursorException.class, // an LSI cursor reused on the table query
                () -> events.emailEvents(emailId, Optional.empty(), Optional.empty(), Optional.of(recipientCursor), 10));
        assertThrows(InvalidCursorException.class, // and the other way round
                () -> events.emailEvents(emailId, Optional.of(0), Optional.empty(), Optional.of(cursor), 10));

        String other = newEmail(1);
        assertThrows(InvalidCursorException.class,
                () -> events.emailEvents(other, Optional.empty(), Optional.empty(), Optional.of(cursor), 10));
        assertThrows(InvalidCursorException.class,
                () -> events.emailEvents(other, Optional.empty(), Optional.empty(), Optional.of("%%%"), 10));
    }

    @Test
    void aHoneypotHitRelabelsTheHumanLookingClickBeforeItAsScannerAndKeepsItsHistory() {
        // GIVEN a click from a browser with a language, counted as a human click
        String emailId = newEmail(1);
        HitRecorder recorder = new HitRecorder(events, emails, ANALYST);
        Instant t0 = Instant.now();
        recorder.record(hit(emailId, 0, EventType.CLICK, 0, t0, "192.0.2.7"));
        RecipientStats before = stats(emailId, 0);
        assertEquals(1, before.humanClicks());

        // WHEN the hidden honeypot link of the same copy is followed 30 s later
        assertTrue(recorder.record(hit(emailId, 0, EventType.HONEYPOT, -1, t0.plusSeconds(30), "192.0.2.7")));

        // THEN the honeypot hit is a scanner, the click is relabelled scanner with its human verdict in its history
        TrackingEvent click = only(emailId, EventType.CLICK);
        TrackingEvent honeypot = only(emailId, EventType.HONEYPOT);
        assertEquals(Verdict.SCANNER, honeypot.insight().verdict());
        assertEquals(List.of(Reclassification.HONEYPOT_HIT), honeypot.insight().reasons());
        assertEquals(Verdict.SCANNER, click.insight().verdict());
        assertTrue(click.insight().reasons().get(0).startsWith("honeypot:burst"), click.insight().reasons().toString());
        assertEquals(1, click.revision());
        assertEquals(1, click.history().size());
        assertEquals(Verdict.HUMAN, click.history().get(0).verdict());
        // AND the aggregate no longer counts a human click, counts the honeypot apart, and is a newer version
        RecipientStats after = stats(emailId, 0);
        assertEquals(0, after.humanClicks());
        assertEquals(1, after.clicks());
        assertEquals(Map.of("scanner", 1), after.clicksByVerdict());
        assertEquals(1, after.honeypots());
        assertEquals(0, after.opens());
        assertTrue(after.version() > before.version(), after.version() + " <= " + before.version());
        assertEquals(3, after.version(), "two events, one relabelled once");
    }

    @Test
    void replayingTheHoneypotMessageChangesNothingMore() {
        // GIVEN a click relabelled by a honeypot hit
        String emailId = newEmail(1);
        HitRecorder recorder = new HitRecorder(events, emails, ANALYST);
        Instant t0 = Instant.now();
        recorder.record(hit(emailId, 0, EventType.CLICK, 1, t0, "192.0.2.8"));
        RawHit honeypot = hit(emailId, 0, EventType.HONEYPOT, -1, t0.plusSeconds(5), "192.0.2.8");
        recorder.record(honeypot);
        List<TrackingEvent> settled = events.recipientEvents(emailId, 0);
        RecipientStats stats = stats(emailId, 0);

        // WHEN SQS delivers the honeypot message again
        assertFalse(recorder.record(honeypot));

        // THEN no event, revision, history entry or aggregate changes
        assertEquals(settled, events.recipientEvents(emailId, 0));
        assertEquals(stats, stats(emailId, 0));
    }

    @Test
    void aCrashBetweenTheRelabelAndTheFoldIsRepairedByTheRetry() {
        // GIVEN a human click, and a store that dies once before its next fold
        String emailId = newEmail(1);
        Instant t0 = Instant.now();
        new HitRecorder(events, emails, ANALYST).record(hit(emailId, 0, EventType.CLICK, 0, t0, "192.0.2.9"));
        RawHit honeypot = hit(emailId, 0, EventType.HONEYPOT, -1, t0.plusSeconds(60), "192.0.2.9");
        EmailStore dying = new CrashingEmailStore(emails, new AtomicBoolean(true));

        // WHEN the honeypot hit relabels the click and the worker dies before folding, then SQS redelivers
        assertThrows(IllegalStateException.class, () -> new HitRecorder(events, dying, ANALYST).record(honeypot));
        assertEquals(Verdict.SCANNER, only(emailId, EventType.CLICK).insight().verdict());
        assertEquals(1, stats(emailId, 0).humanClicks(), "the crash left the aggregate behind the relabel");
        new HitRecorder(events, emails, ANALYST).record(honeypot);

        // THEN the aggregate agrees with the relabelled events, and the click was relabelled once
        assertEquals(0, stats(emailId, 0).humanClicks());
        assertEquals(1, stats(emailId, 0).honeypots());
        assertEquals(1, only(emailId, EventType.CLICK).history().size());
    }

    @Test
    void threeLinksClickedWithinTwoSecondsAreABurstAndALaterClickIsNot() {
        // GIVEN human-looking clicks on links 0, 1 and 2 within 1.5 s, and on link 3 ten seconds later
        String emailId = newEmail(1);
        Instant t0 = Instant.now();
        Map<String, RawHit> batch = new java.util.LinkedHashMap<>();
        batch.put("a", hit(emailId, 0, EventType.CLICK, 0, t0, "198.51.100.4"));
        batch.put("b", hit(emailId, 0, EventType.CLICK, 1, t0.plusMillis(700), "198.51.100.4"));
        batch.put("c", hit(emailId, 0, EventType.CLICK, 2, t0.plusMillis(1500), "198.51.100.4"));
        batch.put("d", hit(emailId, 0, EventType.CLICK, 3, t0.plusSeconds(10), "198.51.100.4"));

        // WHEN they are recorded
        assertTrue(new HitRecorder(events, emails, ANALYST).recordAll(batch).isEmpty());

        // THEN the three burst clicks are scanner for the burst, with their human verdict in history
        for (TrackingEvent e : events.recipientEvents(emailId, 0)) {
            if (e.link() < 3) {
                assertEquals(Verdict.SCANNER, e.insight().verdict(), "link " + e.link());
                assertEquals(List.of(Reclassification.MANY_LINKS), e.insight().reasons());
                assertEquals(Verdict.HUMAN, e.history().get(0).verdict());
            } else {
                assertEquals(Verdict.HUMAN, e.insight().verdict(), "the later click is no burst");
                assertEquals(0, e.revision());
            }
        }
        RecipientStats stats = stats(emailId, 0);
        assertEquals(4, stats.clicks());
        assertEquals(1, stats.humanClicks());
        assertEquals(Map.of(3, 1), stats.linkHumanClicks());
        assertEquals(7, stats.version(), "four events, three relabelled once");
    }

    private static TrackingEvent only(String emailId, EventType type) {
        List<TrackingEvent> found = events.recipientEvents(emailId, 0).stream().filter(e -> e.type() == type).toList();
        assertEquals(1, found.size(), type.wire());
        return found.get(0);
    }

    /** A GET from a current desktop Chrome with a language: no machine trait. */
    private static RawHit hit(String emailId, int recipient, EventType type, int link, Instant at, String ip) {
        return new RawHit(Ids.random(16), type, "GET", at.toEpochMilli(), "acct_test", emailId, recipient,
                link, link < 0 ? null : "https://example.com/" + link, ip,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                Map.of("accept-language", "en-GB,en;q=0.9"), Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
    }

    private static String newEmail(int recipients) {
        String id = Ids.email();
        List<RecipientRecord> rs = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            rs.add(new RecipientRecord(i, "r" + i + "@example.com", "to", "sent", null, null, RecipientStats.EMPTY));
        }
        emails.create(new EmailRecord(id, "acct_test", "a@example.com", "s", Instant.now(),
                Instant.now().plus(Duration.ofDays(30)), recipients, true, true,
                List.of("https://example.com/0", "https://example.com/1", "https://example.com/2", "https://example.com/3")), rs);
        return id;
    }

    private static RawHit hit(String emailId, int recipient, EventType type, int link) {
        return new RawHit(Ids.random(16), type, "GET", Instant.now().toEpochMilli(), "acct_test", emailId, recipient,
                link, link < 0 ? null : "https://example.com/" + link, "192.0.2.1", "Mozilla/5.0", Map.of(),
                Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
    }

    private static RecipientStats stats(String emailId, int recipient) {
        return emails.recipients(emailId).get(recipient).stats();
    }

    /** The real store, dying once before its fold. */
    private record CrashingEmailStore(DynamoEmailStore real, AtomicBoolean crash) implements EmailStore {
        @Override
        public void foldRecipient(String emailId, int recipient, RecipientStats stats) {
            if (crash.getAndSet(false)) {
                throw new IllegalStateException("simulated crash");
            }
            real.foldRecipient(emailId, recipient, stats);
        }

        @Override
        public void create(EmailRecord email, List<RecipientRecord> recipients) {
            real.create(email, recipients);
        }

        @Override
        public Optional<EmailRecord> find(String emailId) {
            return real.find(emailId);
        }

        @Override
        public Page<EmailRecord> list(String accountId, Optional<String> cursor, int limit) {
            return real.list(accountId, cursor, limit);
        }

        @Override
        public List<RecipientRecord> recipients(String emailId) {
            return real.recipients(emailId);
        }

        @Override
        public void markSent(String emailId, int recipient, String messageId, Instant sentAt) {
            real.markSent(emailId, recipient, messageId, sentAt);
        }

        @Override
        public Optional<Instant> sentAt(String emailId, int recipient) {
            return real.sentAt(emailId, recipient);
        }

        @Override
        public void markFailed(String emailId, int recipient, String error) {
            real.markFailed(emailId, recipient, error);
        }
    }
}
