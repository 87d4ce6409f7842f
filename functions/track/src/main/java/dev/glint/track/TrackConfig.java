package dev.glint.track;

import dev.glint.config.Env;
import dev.glint.config.TokenKeys;
import dev.glint.token.KeyRing;
import java.net.URI;
import java.util.Optional;

/** The track function's configuration, read once at start-up. */
record TrackConfig(String hitsQueueUrl, KeyRing keys, String region, Optional<URI> endpoint) {

    static TrackConfig from(Env env) {
        return new TrackConfig(
                env.require("GLINT_HITS_QUEUE_URL"),
                TokenKeys.load(env),
                env.require("AWS_REGION"),
                env.optional("GLINT_AWS_ENDPOINT").map(URI::create));
    }
}
