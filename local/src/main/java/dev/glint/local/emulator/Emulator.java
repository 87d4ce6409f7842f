package dev.glint.local.emulator;

import java.nio.file.Path;

/** One emulator program of the local stack; each runs as its own node process. */
public enum Emulator {
    /** DynamoDB: npm dynalite (LevelDB, in memory or in a data dir). */
    DYNALITE("dynalite", "/", Path.of("node_modules", "dynalite", "cli.js")),
    /** SQS, SNS and S3 on one port: npm fauxqs, started through fauxqs.mjs to bind loopback only. */
    FAUXQS("fauxqs", "/health", Path.of("fauxqs.mjs")),
    /** SES v2: npm aws-ses-v2-local, with its mail store at GET /store. */
    SES("ses", "/health-check", Path.of("node_modules", "aws-ses-v2-local", "dist", "cli.js"));

    private final String logName;
    private final String healthPath;
    private final Path script;

    Emulator(String logName, String healthPath, Path script) {
        this.logName = logName;
        this.healthPath = healthPath;
        this.script = script;
    }

    /** File name of this emulator's stdout+stderr log in the log dir. */
    public String logFileName() {
        return logName + ".log";
    }

    /** A GET path that answers as soon as the server listens. */
    String healthPath() {
        return healthPath;
    }

    /** The node entry script, relative to the emulators dir. */
    Path script() {
        return script;
    }
}
