package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The tracking-address relay.
 *
 * @param code                  the inbound jar
 * @param tables                the data it reads (senders) and writes (emails, recipients)
 * @param tokenKeys             the keyring that mints tokens for relayed mail
 * @param ses                   the configuration set it sends through
 * @param trackingBaseUrl       base URL of the tracking links it writes into mail, no trailing slash
 * @param trackingAddressDomain the domain SES receives on, with its subdomains (e.g. {@code t.glint.example})
 * @param rawMailRetentionDays  days a received message stays in the bucket (the relay reads it within seconds; the
 *                              rest is the time to redrive a failed relay)
 * @param bucketRemovalPolicy   what happens to the raw-mail bucket when the stack goes
 */
public record InboundMailProps(
        Code code,
        DataTables tables,
        TokenKeys tokenKeys,
        SesSending ses,
        String trackingBaseUrl,
        String trackingAddressDomain,
        int rawMailRetentionDays,
        RemovalPolicy bucketRemovalPolicy) {
    public InboundMailProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(tokenKeys, "tokenKeys");
        Objects.requireNonNull(ses, "ses");
        Objects.requireNonNull(trackingBaseUrl, "trackingBaseUrl");
        Objects.requireNonNull(trackingAddressDomain, "trackingAddressDomain");
        Objects.requireNonNull(bucketRemovalPolicy, "bucketRemovalPolicy");
        if (rawMailRetentionDays < 1) {
            throw new IllegalArgumentException("rawMailRetentionDays must be at least 1: " + rawMailRetentionDays);
        }
    }
}
