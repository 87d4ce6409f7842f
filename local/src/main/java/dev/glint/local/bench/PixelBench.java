package dev.glint.local.bench;

import dev.glint.hit.HitQueue;
import dev.glint.local.LocalRunner;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.model.Json;
import dev.glint.store.SqsHitQueue;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pixel route under wrk, in one run: Glint's local adapter (gateway → track handler →
 * SQS SendMessage, with the worker storing hits meanwhile) against a bare JDK server returning
 * the same GIF, as a ratio; then a count check that every hit answered with 200 became exactly
 * one stored event. {@code --breakdown} adds two runs that split the gap into its causes.
 */
@Command(name = "pixel-bench", mixinStandardHelpOptions = true,
        description = "wrk the pixel route of the local stack against a bare JDK HttpServer serving the same GIF.")
public final class PixelBench implements Callable<Integer> {
    /** The issue bounds the comparison's load to this, warm-ups included. */
    static final Duration MAX_LOAD = Duration.ofSeconds(20);
    /** More than this many cores busy outside the bench during a run makes its figures suspect. */
    static final double OTHER_LOAD_WARNING = 0.25;

    @Option(names = "--recipients", defaultValue = "1000", description = "Distinct pixel URLs (default: ${DEFAULT-VALUE}).")
    int recipients;

    @Option(names = "--threads", defaultValue = "2", description = "wrk threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--connections", defaultValue = "16", description = "wrk connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", defaultValue = "8", description = "Seconds of each measured run (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Seconds of warm-up before each run (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--timeout", defaultValue = "2", description = "wrk's per-request timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--target-ratio", defaultValue = "0.5", description = "Lowest passing Glint/bare ratio (default: ${DEFAULT-VALUE}).")
    double targetRatio;

    @Option(names = "--drain-timeout", defaultValue = "600",
            description = "Seconds to wait for the worker to store every hit (default: ${DEFAULT-VALUE}).")
    int drainTimeoutSeconds;

    @Option(names = "--breakdown", description = "Afterwards, also run the track route with an in-memory queue, "
            + "and with SQS but no worker, to show where the time goes (2 × (warm-up + duration) more).")
    boolean breakdown;

    @Option(names = "--prime", defaultValue = "20000", description = "SQS messages sent to a sink queue before "
            + "measuring, so that the JIT has compiled the SDK's send path, as SnapStart priming does (default: ${DEFAULT-VALUE}).")
    int prime;

    @Option(names = "--script", defaultValue = "bench/wrk/pixel.lua", description = "The wrk script (default: ${DEFAULT-VALUE}).")
    Path script;

    @Option(names = "--wrk", defaultValue = "wrk", description = "The wrk binary (default: ${DEFAULT-VALUE}).")
    String wrk;

    @Option(names = "--emulators-dir", description = "The emulators' folder (default: $GLINT_EMULATORS_DIR, or local/emulators).")
    Path emulatorsDir;

    private final PrintStream out = System.out;
    private Path work = Path.of(".");
    private WrkRun.Load load = new WrkRun.Load("wrk", Path.of("pixel.lua"), 1, 1, Duration.ofSeconds(1));

    /** A measured run: its warm-up, the run itself, and the CPU the run used. */
    record Measured(String name, WrkRun warmup, WrkRun run, Optional<CpuMeter.Usage> cpu) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new PixelBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Duration loadTime = Duration.ofSeconds(warmupSeconds + durationSeconds).multipliedBy(2);
        if (loadTime.compareTo(MAX_LOAD) > 0 || durationSeconds < 1 || warmupSeconds < 0) {
            System.err.println("pixel-bench: 2 × (warm-up + duration) must stay within " + MAX_LOAD.toSeconds()
                    + " s; it is " + loadTime.toSeconds() + " s");
            return 2;
        }
        Path emulators = emulatorsDir != null ? emulatorsDir
                : EmulatorOptions.emulatorsDirFromEnvironment().orElse(Path.of("local", "emulators"));
        work = Files.createTempDirectory("glint-pixel-bench");
        load = new WrkRun.Load(wrk, script, threads, connections, Duration.ofSeconds(timeoutSeconds));
        HttpClient http = HttpClient.newHttpClient();

        out.printf("Starting the local stack in memory (logs and wrk output in %s)...%n", work);
        try (LocalRunner runner = LocalRunner.start(new LocalRunner.Options(null, 0, emulators, work.resolve("logs")));
                BarePixelServer bare = BarePixelServer.start()) {
            long t0 = System.nanoTime();
            PixelUrls urls = PixelUrls.create(runner, http, recipients);
            Path pathsFile = Files.write(work.resolve("pixel-paths.txt"), urls.paths());
            out.printf(Locale.ROOT, "Sent %d emails to %d recipients through the API in %.1f s; pixel paths in %s%n",
                    urls.emails().size(), urls.paths().size(), (System.nanoTime() - t0) / 1e9, pathsFile);
            // Messages to this queue are sent like hits but never reach the worker or the count check.
            String sink = runner.sqs().createQueue(b -> b.queueName("glint-bench-sink")).queueUrl();
            if (prime > 0) {
                long p0 = System.nanoTime();
                SqsPriming.prime(runner.sqs(), sink, prime, connections);
                out.printf(Locale.ROOT, "Primed the SDK's send path with %d SendMessage calls to a queue the worker does not read, in %.1f s%n",
                        prime, (System.nanoTime() - p0) / 1e9);
            }
            out.printf("Load: %s, each after a %d s warm-up; bare first, on %d cores shared by wrk, servers and emulators%n",
                    load.describe(Duration.ofSeconds(durationSeconds)), warmupSeconds,
                    Runtime.getRuntime().availableProcessors());

            List<Measured> runs = new ArrayList<>();
            Measured bareRun = measure("bare JDK HttpServer", bare.baseUri(), pathsFile);
            runs.add(bareRun);
            Measured glint = measure("Glint local adapter", runner.baseUri(), pathsFile);
            runs.add(glint);
            out.println();
            out.print(table(runs, bareRun));
            double ratio = glint.run().requestsPerSecond() / bareRun.run().requestsPerSecond();
            boolean ratioOk = ratio >= targetRatio && bareRun.run().statusErrors() == 0 && glint.run().statusErrors() == 0;
            out.printf(Locale.ROOT, "%nRatio Glint/bare: %.3f (target >= %.2f)  %s%n%n", ratio, targetRatio,
                    ratioOk ? "PASS" : "FAIL");

            boolean countOk = countCheck(runner, http, urls, glint);

            if (breakdown) {
                out.printf("%nBreakdown: the same load on the track route alone, to split the gap into its causes%n");
                HitQueue serialiseOnly = hit -> Json.write(hit); // what SqsHitQueue does before the send
                runs.add(measureIsolated("route, in-memory queue", serialiseOnly));
                runs.add(measureIsolated("route + SQS, no worker", new SqsHitQueue(runner.sqs(), sink)));
                out.println();
                out.print(table(runs, bareRun));
                out.printf("""
                        (route = gateway → track handler → token check → the queue named; the Glint local
                         adapter row adds, over "route + SQS, no worker", the worker storing hits meanwhile)%n""");
            }
            warnIfDisturbed(runs);
            return ratioOk && countOk ? 0 : 1;
        }
    }

    /** A warm-up, then the measured run of the same load, with the CPU the measured run used. */
    private Measured measure(String name, URI base, Path pathsFile) throws IOException, InterruptedException {
        WrkRun warmup = warmupSeconds == 0 ? WrkRun.NONE
                : WrkRun.run(load, base, Duration.ofSeconds(warmupSeconds), pathsFile);
        Optional<CpuMeter.Snapshot> before = CpuMeter.now();
        WrkRun run = WrkRun.run(load, base, Duration.ofSeconds(durationSeconds), pathsFile);
        Optional<CpuMeter.Usage> cpu = CpuMeter.between(before, CpuMeter.now());
        Files.writeString(work.resolve("wrk-" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), run.output());
        out.printf(Locale.ROOT, "  %-24s %8.0f req/s%n", name, run.requestsPerSecond());
        return new Measured(name, warmup, run, cpu);
    }

    private Measured measureIsolated(String name, HitQueue queue) throws IOException, InterruptedException {
        try (IsolatedTrackRoute route = IsolatedTrackRoute.start(queue)) {
            Path paths = route.writePaths(work.resolve("isolated-paths.txt"), recipients);
            return measure(name, route.baseUri(), paths);
        }
    }

    /**
     * Every Glint run made hits, warm-up included. wrk stops with requests written but not yet
     * read back; the server may or may not have served those, so they widen the expected range.
     */
    private boolean countCheck(LocalRunner runner, HttpClient http, PixelUrls urls, Measured glint)
            throws IOException, InterruptedException {
        long answered = glint.warmup().answered() + glint.run().answered();
        long unread = glint.warmup().unread() + glint.run().unread();
        out.printf("Count check: waiting for the worker to store every hit (at most %d s)...%n", drainTimeoutSeconds);
        StoredHits stored;
        try {
            stored = StoredHits.awaitDrained(runner, http, urls, Duration.ofSeconds(drainTimeoutSeconds), out);
        } catch (TimeoutException e) {
            out.printf("  %s%nEvery answered hit stored exactly once: FAIL (not drained)%n", e.getMessage());
            return false;
        }
        boolean ok = stored.events() >= answered && stored.events() <= answered + unread
                && stored.openEvents() == stored.events() && stored.statsOpens() == stored.events()
                && stored.deadLettered() == 0;
        out.printf(Locale.ROOT, """
                  drained in %.1f s (%.0f hits/s stored after the load stopped)
                  answered 200 by Glint, as wrk read them (warm-up + run)   %d
                  written by wrk but not read back when it stopped        %d  (may or may not have been served)
                  open events stored in DynamoDB                           %d  (all events: %d)
                  opens in the stats API, summed over the emails           %d
                  hits in the dead-letter queue                            %d
                Every answered hit stored exactly once (answered <= events <= answered + unread, stats = events, DLQ empty): %s%n""",
                stored.drainTime().toMillis() / 1000.0,
                stored.drainTime().isZero() ? 0 : stored.events() * 1e3 / Math.max(1, stored.drainTime().toMillis()),
                answered, unread, stored.openEvents(), stored.events(), stored.statsOpens(), stored.deadLettered(),
                ok ? "PASS" : "FAIL");
        return ok;
    }

    private void warnIfDisturbed(List<Measured> runs) {
        for (Measured m : runs) {
            m.cpu().filter(c -> c.otherCores() > OTHER_LOAD_WARNING).ifPresent(c -> out.printf(Locale.ROOT,
                    "WARNING: during \"%s\" other processes kept %.2f cores busy; its figures are low and should be re-run on an idle machine%n",
                    m.name(), c.otherCores()));
        }
    }

    private static String table(List<Measured> runs, Measured bare) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "%-24s %9s %7s %8s %8s %9s %7s %7s | %-31s | %s%n", "", "req/s", "x bare", "p50 ms", "p99 ms",
                "requests", "non-2xx", "sockerr", "CPU us/req: JVM emul  wrk  irq", "other load"));
        for (Measured m : runs) {
            WrkRun r = m.run();
            String cpu = m.cpu().map(c -> String.format(Locale.ROOT, "%16.0f %4.0f %4.0f %4.0f | %4.2f cores",
                    c.perRequest(c.jvm(), r.requests()) / 1e3, c.perRequest(c.emulators(), r.requests()) / 1e3,
                    c.perRequest(c.wrk(), r.requests()) / 1e3, c.perRequest(c.interrupts(), r.requests()) / 1e3,
                    c.otherCores())).orElse(String.format("%31s | %s", "n/a", "n/a"));
            t.append(String.format(Locale.ROOT, "%-24s %9.0f %7.3f %8.2f %8.2f %9d %7d %7d | %s%n", m.name(),
                    r.requestsPerSecond(), r.requestsPerSecond() / bare.run().requestsPerSecond(), ms(r.p50()), ms(r.p99()),
                    r.requests(), r.statusErrors(), r.socketErrors(), cpu));
        }
        return t.toString();
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
