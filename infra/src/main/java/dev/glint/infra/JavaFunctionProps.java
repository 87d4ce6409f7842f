package dev.glint.infra;

import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Handler;

/**
 * One Java function.
 *
 * @param logicalId   stable CloudFormation id, also the name `sam local invoke` takes
 * @param description what the function does, shown in the console
 * @param handler     {@code class::method}, or {@link Handler#FROM_IMAGE} for a container image (its CMD names it)
 * @param code        the shaded jar, or a container image holding a Java runtime and the jar
 * @param timeout     the function timeout
 * @param environment its configuration (read once at start-up into a record)
 * @param snapStart   whether to publish SnapStart versions and serve them through a "live" alias (not for images)
 * @param memoryMib   memory, which also sets the CPU share
 * @param ephemeralStorageMib size of /tmp
 */
public record JavaFunctionProps(
        String logicalId,
        String description,
        String handler,
        Code code,
        Duration timeout,
        Map<String, String> environment,
        boolean snapStart,
        int memoryMib,
        int ephemeralStorageMib) {
    /** Lambda's default /tmp. */
    public static final int DEFAULT_EPHEMERAL_STORAGE_MIB = 512;

    /** A function of {@value JavaFunction#MEMORY_MIB} MiB with the default /tmp. */
    public JavaFunctionProps(String logicalId, String description, String handler, Code code, Duration timeout,
                             Map<String, String> environment, boolean snapStart) {
        this(logicalId, description, handler, code, timeout, environment, snapStart, JavaFunction.MEMORY_MIB,
                DEFAULT_EPHEMERAL_STORAGE_MIB);
    }

    public JavaFunctionProps {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
        if (snapStart && isImage()) {
            throw new IllegalArgumentException(logicalId + ": SnapStart does not apply to container images");
        }
    }

    /** Whether the code is a container image (runtime and handler come from the image). */
    public boolean isImage() {
        return Handler.FROM_IMAGE.equals(handler);
    }
}
