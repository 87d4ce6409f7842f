package dev.glint.converter;

import dev.glint.config.Env;
import java.time.Duration;

/**
 * The converter's configuration, read once at start-up; a missing variable stops start-up with its name.
 *
 * @param soffice        {@code GLINT_SOFFICE}: LibreOffice's launcher (the Dockerfile sets it), default {@code soffice}
 * @param convertTimeout {@code GLINT_CONVERT_SECONDS}, default 100: under the function's 120 s, so a document that
 *                       hangs LibreOffice is stopped and recorded as unconvertible before Lambda kills the function
 */
record ConverterConfig(String mainTable, String bucket, String soffice, Duration convertTimeout, String region) {
    static final int DEFAULT_CONVERT_SECONDS = 100;

    static ConverterConfig from(Env env) {
        int seconds = env.integer("GLINT_CONVERT_SECONDS", DEFAULT_CONVERT_SECONDS);
        if (seconds <= 0) {
            throw new IllegalStateException("environment variable GLINT_CONVERT_SECONDS must be a positive number");
        }
        return new ConverterConfig(env.require("GLINT_MAIN_TABLE"), env.require("GLINT_ATTACHMENTS_BUCKET"),
                env.optional("GLINT_SOFFICE").orElse("soffice"), Duration.ofSeconds(seconds), env.require("AWS_REGION"));
    }
}
