package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * @param code      the worker jar
 * @param tables    where enriched events and aggregates go
 * @param hitsQueue the queue it consumes
 */
public record WorkerFunctionProps(Code code, DataTables tables, IQueue hitsQueue) {
    public WorkerFunctionProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(hitsQueue, "hitsQueue");
    }
}
