package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/** @param removalPolicy what happens to the tables when the stack drops them (RETAIN in every real deployment) */
public record DataTablesProps(RemovalPolicy removalPolicy) {
    public DataTablesProps {
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
