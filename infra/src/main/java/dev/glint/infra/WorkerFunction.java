package dev.glint.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.constructs.Construct;

/** Enrichment worker: consumes the hits queue in batches, stores events and aggregates, idempotent on the hit id. */
public final class WorkerFunction extends Construct {
    public static final Duration TIMEOUT = Duration.seconds(30);
    public static final int BATCH_SIZE = 10;

    public WorkerFunction(Construct scope, String id, WorkerFunctionProps props) {
        super(scope, id);
        // No SnapStart: a queue consumer's cold start delays no one.
        JavaFunction function = new JavaFunction(this, "Java", new JavaFunctionProps(
                "WorkerFunction",
                "Glint hit enrichment: geo, user agent, verdict, events and aggregates",
                "dev.glint.worker.ProcessHitsHandler::handleRequest",
                props.code(),
                TIMEOUT,
                Map.of("GLINT_MAIN_TABLE", props.tables().main().getTableName(),
                        "GLINT_EVENTS_TABLE", props.tables().events().getTableName()),
                false));
        props.tables().grantReadWriteData(function.function());
        // Partial batch responses: one bad hit is retried (then dead-lettered) without replaying its batch.
        function.function().addEventSource(new SqsEventSource(props.hitsQueue(), SqsEventSourceProps.builder()
                .batchSize(BATCH_SIZE)
                .reportBatchItemFailures(true)
                .build()));
    }
}
