package dev.glint.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.config.LogLine;
import dev.glint.hit.HitRecorder;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                recorder.record(Json.read(message.getBody() == null ? "" : message.getBody(), RawHit.class));
            } catch (RuntimeException e) {
                LogLine.count("WARN", "hit_failed", "HitFailed", Map.of(
                        "messageId", String.valueOf(message.getMessageId()), "error", e.getClass().getName()));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static HitRecorder fromEnvironment(WorkerConfig config) {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), config.endpoint(), config.region());
        return new HitRecorder(
                new DynamoEventStore(dynamo, config.eventsTable(), Clock.systemUTC()),
                new DynamoEmailStore(dynamo, config.mainTable()));
    }
}
