package dev.glint.infra;

import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;

/**
 * One Java function.
 *
 * @param logicalId   stable CloudFormation id, also the name `sam local invoke` takes
 * @param description what the function does, shown in the console
 * @param handler     {@code class::method}
 * @param code        the shaded jar
 * @param timeout     the function timeout
 * @param environment its configuration (read once at start-up into a record)
 * @param snapStart   whether to publish SnapStart versions and serve them through a "live" alias
 */
public record JavaFunctionProps(
        String logicalId,
        String description,
        String handler,
        Code code,
        Duration timeout,
        Map<String, String> environment,
        boolean snapStart) {
    public JavaFunctionProps {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
    }
}
