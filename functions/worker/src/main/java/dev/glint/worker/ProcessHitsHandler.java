package dev.glint.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.glint.attach.AttachmentAudit;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.config.LogLine;
import dev.glint.classify.HitClassifier;
import dev.glint.enrich.Enricher;
import dev.glint.hit.HitAnalyst;
import dev.glint.hit.HitRecorder;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import dev.glint.store.DynamoAttachmentEventStore;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Records each raw hit of an SQS batch. A message that fails is reported back alone
 * ({@code ReportBatchItemFailures}): SQS retries it, and after the redrive limit the DLQ holds it.
 */
public final class ProcessHitsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final HitRecorder recorder;

    /** Lambda entry point: clients are built once, here. */
    public ProcessHitsHandler() {
        this(fromEnvironment(WorkerConfig.from(Env.system())));
    }

    /** Tests and the local runner pass the recorder they built. */
    public ProcessHitsHandler(HitRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Set<String> failed = new LinkedHashSet<>();
        Map<String, RawHit> hits = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                hits.put(message.getMessageId(), Json.read(message.getBody() == null ? "" : message.getBody(), RawHit.class));
            } catch (IllegalArgumentException e) { // poison: retried, then parked in the DLQ
                LogLine.count("WARN", "hit_malformed", "HitFailed", Map.of(
                        "messageId", String.valueOf(message.getMessageId()), "error", e.getClass().getName()));
                failed.add(message.getMessageId());
            }
        }
        failed.addAll(recorder.recordAll(hits));
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    private static HitRecorder fromEnvironment(WorkerConfig config) {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), config.endpoint(), config.region());
        return new HitRecorder(
                new DynamoEventStore(dynamo, config.eventsTable(), Clock.systemUTC()),
                new DynamoEmailStore(dynamo, config.mainTable()),
                new HitAnalyst(HitClassifier.load(), Enricher.fromPaths(config.geoCityDbs(), config.geoAsnDbs())),
                new AttachmentAudit(new DynamoAttachmentEventStore(dynamo, config.eventsTable(), Clock.systemUTC())),
                Clock.systemUTC());
    }
}
