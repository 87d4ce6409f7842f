package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * @param code      the track jar
 * @param hitsQueue where raw hits go
 * @param tokenKeys the keyring that opens tokens
 */
public record TrackFunctionProps(Code code, IQueue hitsQueue, TokenKeys tokenKeys) {
    public TrackFunctionProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(hitsQueue, "hitsQueue");
        Objects.requireNonNull(tokenKeys, "tokenKeys");
    }
}
