package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.classify.HitClassifier;
import dev.glint.enrich.Enricher;
import dev.glint.enrich.GeoLocator;
import dev.glint.enrich.UserAgents;
import dev.glint.hit.HitAnalyst;
import dev.glint.hit.HitRecorder;
import dev.glint.local.emulator.AwsClients;
import dev.glint.local.emulator.Emulator;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.local.emulator.Emulators;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.Ids;
import dev.glint.model.Page;
import dev.glint.model.RawHit;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import dev.glint.store.EmailStore;
import dev.glint.store.InvalidCursorException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Idempotency and crash safety of event and aggregate writes, against DynamoDB (dynalite). */
class HitRecorderDynamoTest {
    private static final HitAnalyst ANALYST = new HitAnalyst(HitClassifier.load(),
            new Enricher(GeoLocator.none(), new UserAgents()));
    private static Emulators emulators;
    private static DynamoDbClient dynamo;
    private static DynamoEmailStore emails;
    private static DynamoEventStore events;

    @BeforeAll
    static void start() throws Exception {
        emulators = Emulators.start(EmulatorOptions.inMemory(Path.of(System.getProperty("glint.emulators.dir")),
                Files.createTempDirectory("glint-dynamo-logs")).only(Emulator.DYNALITE));
        dynamo = AwsClients.dynamoDb(emulators);
        LocalResources.createTables(dynamo);
        emails = new DynamoEmailStore(dynamo, LocalResources.MAIN_TABLE);
        events = new DynamoEventStore(dynamo, LocalResources.EVENTS_TABLE, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (emulators != null) {
            dynamo.close();
            emulators.close();
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

        String other = newEmail(1);
        assertThrows(InvalidCursorException.class,
                () -> events.emailEvents(other, Optional.empty(), Optional.empty(), Optional.of(cursor), 10));
        assertThrows(InvalidCursorException.class,
                () -> events.emailEvents(other, Optional.empty(), Optional.empty(), Optional.of("%%%"), 10));
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
