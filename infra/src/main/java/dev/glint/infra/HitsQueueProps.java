package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;

/** @param consumerTimeout timeout of the function that consumes the queue; the visibility timeout is six times it */
public record HitsQueueProps(Duration consumerTimeout) {
    public HitsQueueProps {
        Objects.requireNonNull(consumerTimeout, "consumerTimeout");
    }
}
