package dev.glint.attachments;

import dev.glint.config.Env;
import dev.glint.config.TokenKeys;
import dev.glint.token.KeyRing;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The attachments function's configuration, read once at start-up.
 *
 * @param urlLifetime how long a presigned GET stays valid: 60–300 s ({@code GLINT_ATTACHMENT_URL_SECONDS}, default 120)
 */
record AttachmentsConfig(String hitsQueueUrl, KeyRing keys, String region, Optional<URI> endpoint, String mainTable,
        String bucket, Duration urlLifetime) {

    static final String URL_SECONDS = "GLINT_ATTACHMENT_URL_SECONDS";

    static AttachmentsConfig from(Env env) {
        return new AttachmentsConfig(
                env.require("GLINT_HITS_QUEUE_URL"),
                TokenKeys.load(env),
                env.require("AWS_REGION"),
                env.optional("GLINT_AWS_ENDPOINT").map(URI::create),
                env.require("GLINT_MAIN_TABLE"),
                env.require("GLINT_ATTACHMENTS_BUCKET"),
                urlLifetime(env.integer(URL_SECONDS, 120)));
    }

    /** Fails fast on a lifetime the rules do not allow. */
    static Duration urlLifetime(int seconds) {
        if (seconds < 60 || seconds > 300) {
            throw new IllegalStateException(URL_SECONDS + " must be between 60 and 300, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
