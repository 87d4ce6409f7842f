package dev.glint.worker;

import dev.glint.config.Env;
import java.net.URI;
import java.util.Optional;

/** The worker's configuration, read once at start-up. */
record WorkerConfig(String mainTable, String eventsTable, String region, Optional<URI> endpoint) {

    static WorkerConfig from(Env env) {
        return new WorkerConfig(
                env.require("GLINT_MAIN_TABLE"),
                env.require("GLINT_EVENTS_TABLE"),
                env.require("AWS_REGION"),
                env.optional("GLINT_AWS_ENDPOINT").map(URI::create));
    }
}
