package dev.glint.api;

import dev.glint.attach.AttachmentService;
import dev.glint.config.Env;
import dev.glint.config.TokenKeys;
import dev.glint.send.SendService;
import dev.glint.token.KeyRing;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/** The API function's configuration, read once at start-up; a bad variable stops start-up with its name. */
record ApiConfig(
        String mainTable,
        String eventsTable,
        String trackingBaseUrl,
        Optional<String> sesConfigurationSet,
        Duration tokenLifetime,
        String region,
        Optional<URI> endpoint,
        KeyRing keys,
        Optional<String> attachmentsBucket,
        long attachmentMaxBytes,
        String converter,
        Optional<String> converterFunction) {

    static ApiConfig from(Env env) {
        String mainTable = env.require("GLINT_MAIN_TABLE");
        String eventsTable = env.require("GLINT_EVENTS_TABLE");
        String trackingBaseUrl = httpUrl("GLINT_TRACKING_BASE_URL", env.require("GLINT_TRACKING_BASE_URL"));
        Optional<String> configurationSet = env.optional("GLINT_SES_CONFIGURATION_SET");
        Duration tokenLifetime = Duration.ofDays(positive(env, "GLINT_TOKEN_LIFETIME_DAYS", SendService.DEFAULT_TOKEN_LIFETIME_DAYS));
        String region = env.require("AWS_REGION");
        Optional<URI> endpoint = env.optional("GLINT_AWS_ENDPOINT").map(v -> URI.create(httpUrl("GLINT_AWS_ENDPOINT", v)));
        // Without a bucket the attachment routes answer 404; the limit and converter matter only with one.
        Optional<String> attachmentsBucket = env.optional("GLINT_ATTACHMENTS_BUCKET");
        long attachmentMaxBytes = env.optional("GLINT_ATTACHMENT_MAX_BYTES").map(v -> bytes("GLINT_ATTACHMENT_MAX_BYTES", v))
                .orElse(AttachmentService.DEFAULT_MAX_BYTES);
        String converter = env.optional("GLINT_SOFFICE_PATH").orElse("soffice");
        // Where LibreOffice is not installed (Lambda), Office files go to this function asynchronously.
        Optional<String> converterFunction = env.optional("GLINT_CONVERTER_FUNCTION");
        // Last: in AWS this reads Secrets Manager, so every cheap check has already passed.
        KeyRing keys = TokenKeys.load(env);
        return new ApiConfig(mainTable, eventsTable, trackingBaseUrl, configurationSet, tokenLifetime,
                region, endpoint, keys, attachmentsBucket, attachmentMaxBytes, converter, converterFunction);
    }

    private static long bytes(String name, String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n > 0 && n <= 5L << 30) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalStateException("environment variable " + name + " must be a number of bytes from 1 to 5 GiB");
    }

    private static int positive(Env env, String name, int defaultValue) {
        int value = env.integer(name, defaultValue);
        if (value <= 0) {
            throw new IllegalStateException("environment variable " + name + " must be a positive number of days");
        }
        return value;
    }

    private static String httpUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below, with the variable's name
        }
        throw new IllegalStateException("environment variable " + name + " must be an absolute http(s) URL");
    }
}
