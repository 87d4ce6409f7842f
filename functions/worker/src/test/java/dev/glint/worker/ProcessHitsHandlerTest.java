package dev.glint.worker;

import dev.glint.classify.Verdict;
import dev.glint.model.HitInsight;
import dev.glint.model.VerdictChange;
import java.time.Instant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.glint.classify.HitClassifier;
import dev.glint.enrich.Enricher;
import dev.glint.enrich.GeoLocator;
import dev.glint.enrich.UserAgents;
import dev.glint.hit.HitAnalyst;
import dev.glint.hit.HitRecorder;
import dev.glint.model.EventType;
import dev.glint.model.Page;
import dev.glint.model.TrackingEvent;
import dev.glint.store.EventStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The handler's batch contract. Storage itself is exercised against DynamoDB (dynalite) in the
 * local module's tests; here the stores are the smallest faithful in-memory versions.
 */
class ProcessHitsHandlerTest {
    private static final Path FIXTURE = Path.of(System.getProperty("glint.shared.dir"),
            "fixtures/aws-events/aws-lambda-java-libs/sqs_event_nobody.json");

    private final List<TrackingEvent> stored = new ArrayList<>();
    private final ProcessHitsHandler handler = new ProcessHitsHandler(new HitRecorder(new ListEvents(), new NoEmails(),
            new HitAnalyst(HitClassifier.load(), new Enricher(GeoLocator.none(), new UserAgents()))));

    @Test
    void reportsOnlyThePoisonMessagesAsFailures() {
        // GIVEN a real SQS event whose records are: a valid hit, non-JSON, JSON of the wrong shape
        SQSEvent event = EventLoader.loadSQSEvent(FIXTURE.toString());
        SQSEvent.SQSMessage template = event.getRecords().get(0);
        event.setRecords(List.of(
                message(template, "ok-1", """
                        {"hitId":"h1","type":"open","method":"GET","receivedAtMillis":1764000000000,
                         "accountId":"acct_1","emailId":"em_1","recipient":0,"link":-1,"destination":null,
                         "ip":"192.0.2.1","userAgent":"Mozilla/5.0","headers":{"accept":"image/*"},
                         "trackingEndsAtSeconds":1800000000}"""),
                message(template, "poison-1", "not json at all"),
                message(template, "poison-2", "{\"hitId\":\"h2\",\"type\":\"teleport\"}")));

        // WHEN the batch is handled
        SQSBatchResponse response = handler.handleRequest(event, null);

        // THEN the valid hit is stored and only the two bad ones come back for retry and the DLQ
        assertEquals(List.of("poison-1", "poison-2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(1, stored.size());
        assertEquals(EventType.OPEN, stored.get(0).type());
    }

    @Test
    void anEmptyBatchHasNoFailures() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of());
        assertEquals(0, handler.handleRequest(event, null).getBatchItemFailures().size());
    }

    private static SQSEvent.SQSMessage message(SQSEvent.SQSMessage template, String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setReceiptHandle(template.getReceiptHandle());
        m.setEventSource(template.getEventSource());
        m.setEventSourceArn(template.getEventSourceArn());
        m.setAttributes(template.getAttributes());
        m.setBody(body);
        return m;
    }

    private final class ListEvents implements EventStore {
        @Override
        public boolean putIfAbsent(TrackingEvent event) {
            return stored.add(event);
        }

    @Override
    public boolean relabel(TrackingEvent e, Verdict verdict, List<String> reasons, Instant at) {
        int i = stored.indexOf(e);
        if (i < 0) {
            return false; // relabelled since it was read
        }
        HitInsight was = e.insight();
        List<VerdictChange> history = new ArrayList<>(e.history());
        history.add(new VerdictChange(was.verdict(), was.reasons(), at));
        stored.set(i, new TrackingEvent(e.hitId(), e.accountId(), e.emailId(), e.recipient(), e.type(), e.at(),
                e.link(), e.destination(), e.method(), e.ip(), e.userAgent(), e.headers(), e.trackingEndsAt(),
                new HitInsight(verdict, reasons, was.client(), was.device(), was.geo()), e.revision() + 1, history));
        return true;
    }

        @Override
        public List<TrackingEvent> recipientEvents(String emailId, int recipient) {
            return List.copyOf(stored);
        }

        @Override
        public Page<TrackingEvent> emailEvents(String emailId, Optional<Integer> recipient, Optional<EventType> type,
                Optional<String> cursor, int limit) {
            return new Page<>(stored, Optional.empty());
        }
    }

}
