package dev.glint.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One wrk run against a base URL with {@code bench/wrk/pixel.lua}, and what it measured, read
 * from the script's {@code glint-wrk key=value ...} line rather than from wrk's rounded text.
 *
 * @param requests responses wrk read completely (wrk's "requests")
 * @param statusErrors responses with a status above 399 (wrk's "Non-2xx or 3xx", which counts only those)
 * @param socketErrors connect, read and write errors and timeouts
 * @param written requests wrk wrote, answered or not: {@code written - requests} were in flight at the end
 */
record WrkRun(String output, long requests, Duration duration, long statusErrors, long socketErrors, long written,
        Duration p50, Duration p90, Duration p99, Duration max) {

    /** No run at all (a warm-up of zero seconds). */
    static final WrkRun NONE = new WrkRun("", 0, Duration.ofSeconds(1), 0, 0, 0,
            Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** wrk's load settings, the same for every run. */
    record Load(String wrk, Path script, int threads, int connections, Duration timeout) {
        List<String> command(URI base, Duration duration, Path pathsFile) {
            return List.of(wrk, "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "--timeout", timeout.toSeconds() + "s", "--latency", "-s", script.toString(),
                    base.toString(), "--", pathsFile.toString());
        }

        String describe(Duration duration) {
            return "wrk -t" + threads + " -c" + connections + " -d" + duration.toSeconds() + "s --latency";
        }
    }

    /** Runs wrk for {@code duration} and waits for it a bounded time after that. */
    static WrkRun run(Load load, URI base, Duration duration, Path pathsFile) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(load.command(base, duration, pathsFile)).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(wrk.getInputStream()),
                runnable -> Thread.ofVirtual().start(runnable));
        Duration limit = duration.plus(load.timeout()).plusSeconds(10);
        if (!wrk.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            wrk.destroyForcibly();
            throw new IOException("wrk did not finish within " + limit.toSeconds() + " s");
        }
        String text;
        try {
            text = output.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read wrk's output", e);
        }
        if (wrk.exitValue() != 0) {
            throw new IOException("wrk exited with " + wrk.exitValue() + ":\n" + text);
        }
        return parse(text).orElseThrow(() -> new IOException("no glint-wrk line in wrk's output:\n" + text));
    }

    /** Reads the figures from the script's summary line. */
    static Optional<WrkRun> parse(String output) {
        String line = output.lines().filter(l -> l.startsWith("glint-wrk ")).findFirst().orElse(null);
        if (line == null) {
            return Optional.empty();
        }
        Map<String, Long> v = new HashMap<>();
        for (String pair : line.substring("glint-wrk ".length()).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            v.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return Optional.of(new WrkRun(output, v.get("requests"), micros(v.get("duration_us")), v.get("status_errors"),
                v.get("connect_errors") + v.get("read_errors") + v.get("write_errors") + v.get("timeouts"),
                v.get("written"), micros(v.get("p50_us")), micros(v.get("p90_us")), micros(v.get("p99_us")),
                micros(v.get("max_us"))));
    }

    double requestsPerSecond() {
        return requests * 1e9 / duration.toNanos();
    }

    /** Responses below 400: for the pixel route, which never redirects, the 2xx answers. */
    long answered() {
        return requests - statusErrors;
    }

    /** Requests written but not read back when wrk stopped: the server may still have served them. */
    long unread() {
        return written - requests;
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1000);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
