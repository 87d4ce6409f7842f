package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/** @param removalPolicy RETAIN in real deployments: losing the keys breaks every tracking link already sent */
public record TokenKeysProps(RemovalPolicy removalPolicy) {
    public TokenKeysProps {
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
