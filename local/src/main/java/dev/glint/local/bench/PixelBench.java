package dev.glint.local.bench;

import dev.glint.local.LocalRunner;
import dev.glint.local.emulator.EmulatorOptions;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pixel route under wrk, in one run: Glint's local adapter (gateway → track handler →
 * SQS SendMessage) against a bare JDK server returning the same GIF, as a ratio; then a count
 * check that every hit answered with 200 became exactly one stored event.
 */
@Command(name = "pixel-bench", mixinStandardHelpOptions = true,
        description = "wrk the pixel route of the local stack against a bare JDK HttpServer serving the same GIF.")
public final class PixelBench implements Callable<Integer> {
    /** The issue bounds the whole load to this; warm-ups included. */
    static final Duration MAX_LOAD = Duration.ofSeconds(20);

    @Option(names = "--recipients", defaultValue = "1000", description = "Distinct pixel URLs (default: ${DEFAULT-VALUE}).")
    int recipients;

    @Option(names = "--threads", defaultValue = "2", description = "wrk threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--connections", defaultValue = "16", description = "wrk connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", defaultValue = "8", description = "Seconds of each measured run (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "1", description = "Seconds of warm-up before each run (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--timeout", defaultValue = "2", description = "wrk's per-request timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--target-ratio", defaultValue = "0.5", description = "Lowest passing Glint/bare ratio (default: ${DEFAULT-VALUE}).")
    double targetRatio;

    @Option(names = "--drain-timeout", defaultValue = "300",
            description = "Seconds to wait for the worker to store every hit (default: ${DEFAULT-VALUE}).")
    int drainTimeoutSeconds;

    @Option(names = "--script", defaultValue = "bench/wrk/pixel.lua", description = "The wrk script (default: ${DEFAULT-VALUE}).")
    Path script;

    @Option(names = "--wrk", defaultValue = "wrk", description = "The wrk binary (default: ${DEFAULT-VALUE}).")
    String wrk;

    @Option(names = "--emulators-dir", description = "The emulators' folder (default: $GLINT_EMULATORS_DIR, or local/emulators).")
    Path emulatorsDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PixelBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Duration warmup = Duration.ofSeconds(warmupSeconds);
        Duration duration = Duration.ofSeconds(durationSeconds);
        Duration load = warmup.plus(duration).multipliedBy(2);
        if (load.compareTo(MAX_LOAD) > 0 || durationSeconds < 1 || warmupSeconds < 0) {
            System.err.println("pixel-bench: 2 × (warm-up + duration) must stay within " + MAX_LOAD.toSeconds()
                    + " s; it is " + load.toSeconds() + " s");
            return 2;
        }
        Path emulators = emulatorsDir != null ? emulatorsDir
                : EmulatorOptions.emulatorsDirFromEnvironment().orElse(Path.of("local", "emulators"));
        Path work = Files.createTempDirectory("glint-pixel-bench");
        WrkRun.Load settings = new WrkRun.Load(wrk, script, threads, connections, Duration.ofSeconds(timeoutSeconds));
        HttpClient http = HttpClient.newHttpClient();

        out.printf("Starting the local stack in memory (logs in %s)...%n", work);
        try (LocalRunner runner = LocalRunner.start(new LocalRunner.Options(null, 0, emulators, work.resolve("logs")));
                BarePixelServer bare = BarePixelServer.start()) {
            long t0 = System.nanoTime();
            PixelUrls urls = PixelUrls.create(runner, http, recipients);
            Path pathsFile = Files.write(work.resolve("pixel-paths.txt"), urls.paths());
            out.printf("Sent %d emails to %d recipients through the API in %.1f s; pixel paths in %s%n",
                    urls.emails().size(), urls.paths().size(), (System.nanoTime() - t0) / 1e9, pathsFile);

            out.printf("Load: %s, after a %d s warm-up each, bare first%n", settings.describe(duration), warmupSeconds);
            warm(settings, bare.baseUri(), warmup, pathsFile);
            WrkRun bareRun = WrkRun.run(settings, bare.baseUri(), duration, pathsFile);
            WrkRun glintWarmup = warm(settings, runner.baseUri(), warmup, pathsFile);
            WrkRun glintRun = WrkRun.run(settings, runner.baseUri(), duration, pathsFile);
            out.println(indent("bare  | ", bareRun.output()));
            out.println(indent("glint | ", glintRun.output()));

            double ratio = glintRun.requestsPerSecond() / bareRun.requestsPerSecond();
            boolean ratioOk = ratio >= targetRatio && bareRun.statusErrors() == 0 && glintRun.statusErrors() == 0;
            out.println(table(bareRun, glintRun));
            out.printf(Locale.ROOT, "Ratio Glint/bare: %.3f (target >= %.2f)  %s%n", ratio, targetRatio,
                    ratioOk ? "PASS" : "FAIL");

            // Every Glint run made hits, warm-up included: all of them must be stored.
            List<WrkRun> glintRuns = List.of(glintWarmup, glintRun);
            long answered = glintRuns.stream().mapToLong(WrkRun::answered).sum();
            long unread = glintRuns.stream().mapToLong(WrkRun::unread).sum();
            out.printf("Waiting for the worker to store the hits (at most %d s)...%n", drainTimeoutSeconds);
            StoredHits stored = StoredHits.awaitDrained(runner, http, urls, Duration.ofSeconds(drainTimeoutSeconds), out);
            boolean countOk = stored.events() >= answered && stored.events() <= answered + unread
                    && stored.openEvents() == stored.events() && stored.statsOpens() == stored.events()
                    && stored.deadLettered() == 0;
            out.printf(Locale.ROOT, """
                    Count check (Glint warm-up + run), drained in %.1f s:
                      answered 200 by Glint, as wrk read them     %d
                      written by wrk but unread when it stopped  %d  (the server may have served these)
                      open events stored in DynamoDB             %d  (all events: %d)
                      opens in the stats API, summed             %d
                      hits in the DLQ                            %d
                    Every answered hit stored exactly once: %s%n""",
                    stored.drainTime().toMillis() / 1000.0, answered, unread, stored.openEvents(), stored.events(),
                    stored.statsOpens(), stored.deadLettered(), countOk ? "PASS" : "FAIL");
            return ratioOk && countOk ? 0 : 1;
        }
    }

    /** A warm-up run, or an empty one when there is no warm-up. */
    private static WrkRun warm(WrkRun.Load settings, URI base, Duration warmup, Path pathsFile) throws Exception {
        return warmup.isZero() ? NO_RUN : WrkRun.run(settings, base, warmup, pathsFile);
    }

    private static final WrkRun NO_RUN = new WrkRun("", 0, Duration.ofSeconds(1), 0, 0, 0,
            Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private static String table(WrkRun bare, WrkRun glint) {
        String header = String.format(Locale.ROOT, "%-22s %10s %9s %9s %9s %10s %8s %8s%n",
                "", "req/s", "p50 ms", "p90 ms", "p99 ms", "requests", "non-2xx", "sockerr");
        return header + row("bare JDK HttpServer", bare) + row("Glint local adapter", glint);
    }

    private static String row(String name, WrkRun run) {
        return String.format(Locale.ROOT, "%-22s %10.0f %9.2f %9.2f %9.2f %10d %8d %8d%n", name,
                run.requestsPerSecond(), ms(run.p50()), ms(run.p90()), ms(run.p99()), run.requests(),
                run.statusErrors(), run.socketErrors());
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    private static String indent(String prefix, String text) {
        return text.lines().map(l -> prefix + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
