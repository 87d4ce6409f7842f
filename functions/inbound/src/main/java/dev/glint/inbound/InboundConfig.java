package dev.glint.inbound;

import dev.glint.config.Env;
import dev.glint.config.TokenKeys;
import dev.glint.relay.TrackingAddresses;
import dev.glint.send.SendService;
import dev.glint.token.KeyRing;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The inbound function's configuration, read once at start-up; a bad variable stops start-up with its name.
 *
 * @param trackingDomain {@code GLINT_TRACKING_ADDRESS_DOMAIN}, e.g. {@code t.glint.example}
 * @param noticeFrom {@code GLINT_INBOUND_NOTICE_FROM}, default {@code postmaster@<tracking domain>}
 * @param attachmentsBucket {@code GLINT_ATTACHMENTS_BUCKET}: where senders' attachments go when they
 *     want links instead of files; absent, relayed mail always keeps its attachments
 * @param converterFunction {@code GLINT_CONVERTER_FUNCTION}: converts Office attachments for the viewer
 */
record InboundConfig(String mainTable, String eventsTable, String trackingBaseUrl, String trackingDomain,
        String bucket, String prefix, long maxBytes, String noticeFrom, Optional<String> sesConfigurationSet,
        Duration tokenLifetime, String region, Optional<URI> endpoint, KeyRing keys,
        Optional<String> attachmentsBucket, Optional<String> converterFunction) {

    /** SES receives up to 40 MB; 25 MiB is what the big mailbox providers accept. */
    static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

    static InboundConfig from(Env env) {
        String domain = env.require("GLINT_TRACKING_ADDRESS_DOMAIN").trim().toLowerCase(java.util.Locale.ROOT);
        try {
            domain = new TrackingAddresses(domain).domain(); // the form the relay uses, checked here to name the variable
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable GLINT_TRACKING_ADDRESS_DOMAIN must be a domain name"
                    + " like t.glint.example");
        }
        long maxBytes = env.optional("GLINT_INBOUND_MAX_BYTES").map(v -> number("GLINT_INBOUND_MAX_BYTES", v))
                .orElse(DEFAULT_MAX_BYTES);
        int days = env.integer("GLINT_TOKEN_LIFETIME_DAYS", SendService.DEFAULT_TOKEN_LIFETIME_DAYS);
        if (days <= 0) {
            throw new IllegalStateException("environment variable GLINT_TOKEN_LIFETIME_DAYS must be a positive number of days");
        }
        String base = env.require("GLINT_TRACKING_BASE_URL");
        if (!base.startsWith("https://") && !base.startsWith("http://")) {
            throw new IllegalStateException("environment variable GLINT_TRACKING_BASE_URL must be an absolute http(s) URL");
        }
        return new InboundConfig(env.require("GLINT_MAIN_TABLE"), env.require("GLINT_EVENTS_TABLE"), base, domain,
                env.require("GLINT_INBOUND_BUCKET"), env.optional("GLINT_INBOUND_PREFIX").orElse("inbound/"), maxBytes,
                env.optional("GLINT_INBOUND_NOTICE_FROM").orElse("postmaster@" + domain),
                env.optional("GLINT_SES_CONFIGURATION_SET"), Duration.ofDays(days), env.require("AWS_REGION"),
                env.optional("GLINT_AWS_ENDPOINT").map(InboundConfig::endpoint), TokenKeys.load(env),
                env.optional("GLINT_ATTACHMENTS_BUCKET"), env.optional("GLINT_CONVERTER_FUNCTION"));
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, with the variable's name
        }
        throw new IllegalStateException("environment variable GLINT_AWS_ENDPOINT must be an absolute URL");
    }

    private static long number(String name, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalStateException("environment variable " + name + " must be a positive number of bytes");
    }
}
