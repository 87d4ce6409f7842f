package dev.glint.bench;

import dev.glint.classify.Classification;
import dev.glint.classify.HitClassifier;
import dev.glint.classify.HitKind;
import dev.glint.classify.HitLines;
import dev.glint.classify.HitTraits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hit classification: one hit of several kinds (target about 1–2 µs, within the worker's 20 µs
 * enrichment budget), and the {@code glint classify} JSON Lines path on 100,000 lines in memory.
 */
@BenchmarkMode(Mode.AverageTime)
public class ClassifyBenchmark {
    static final int LINES = 100_000;
    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final Map<String, String> BROWSER = Map.of(
            "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "accept-language", "en-US,en;q=0.9",
            "accept-encoding", "gzip, deflate, br",
            "sec-fetch-mode", "navigate");

    /** One hit of a kind, and the classifier the worker would build at start-up. */
    @State(Scope.Benchmark)
    public static class OneHit {
        /**
         * {@code gmail-proxy}: decided by the second rule. {@code mpp}: Apple's prefetch. {@code outlook}:
         * a human Outlook open (all verdict rules, client found late). {@code chrome-click}: a human click
         * with browser headers (the longest path: every rule, every client rule). {@code eop-ipv6}: a
         * click from a documented Microsoft IPv6 range (address parse + binary search). {@code curl}: a script.
         */
        @Param({"gmail-proxy", "mpp", "outlook", "chrome-click", "eop-ipv6", "curl"})
        public String hit;

        HitClassifier classifier;
        HitTraits traits;

        @Setup
        public void setUp() {
            classifier = HitClassifier.load();
            traits = traits(hit);
        }
    }

    /** 100,000 JSON Lines in memory, as {@code glint classify} would read them from standard input. */
    @State(Scope.Benchmark)
    public static class Lines {
        HitLines lines;
        String input;

        @Setup
        public void setUp() {
            lines = new HitLines(HitClassifier.load());
            input = jsonLines(LINES);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Classification classify(OneHit state) {
        return state.classifier.classify(state.traits);
    }

    /** The CLI path: parse, classify and write 100,000 lines (a mix of all kinds and some bad lines). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public HitLines.Result lines100k(Lines state) throws IOException {
        return state.lines.classify(new BufferedReader(new StringReader(state.input), 1 << 16), Writer.nullWriter());
    }

    static HitTraits traits(String name) {
        return switch (name) {
            case "gmail-proxy" -> new HitTraits(HitKind.OPEN, "GET", "192.0.2.10",
                    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
                    Map.of("accept", "image/*"), OptionalLong.of(3));
            case "mpp" -> new HitTraits(HitKind.OPEN, "GET", "2001:db8:17::1", "Mozilla/5.0", Map.of("accept", "*/*"),
                    OptionalLong.of(40));
            case "outlook" -> new HitTraits(HitKind.OPEN, "GET", "198.51.100.40",
                    "Microsoft Office/16.0 (Microsoft Outlook 16.0.12329; Pro), Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
                    Map.of("accept", "*/*", "accept-language", "en-US"), OptionalLong.of(1200));
            case "chrome-click" -> new HitTraits(HitKind.CLICK, "GET", "198.51.100.23", CHROME, BROWSER, OptionalLong.of(3600));
            case "eop-ipv6" -> new HitTraits(HitKind.CLICK, "GET", "2a01:111:f403:c000::15", CHROME, BROWSER,
                    OptionalLong.of(40));
            case "curl" -> new HitTraits(HitKind.CLICK, "GET", "203.0.113.5", "curl/8.4.0", Map.of("accept", "*/*"),
                    OptionalLong.of(15));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@code n} JSON Lines cycling through realistic hits; one line in 50 is malformed. */
    static String jsonLines(int n) {
        String[] samples = {
            "{\"id\":\"%d\",\"kind\":\"open\",\"method\":\"GET\",\"ip\":\"192.0.2.10\",\"user_agent\":\"Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)\",\"headers\":{\"accept\":\"image/*\"},\"seconds_since_send\":3}",
            "{\"id\":\"%d\",\"kind\":\"open\",\"method\":\"GET\",\"ip\":\"2001:db8:17::1\",\"user_agent\":\"Mozilla/5.0\",\"headers\":{},\"seconds_since_send\":40}",
            "{\"id\":\"%d\",\"kind\":\"click\",\"method\":\"GET\",\"ip\":\"198.51.100.23\",\"user_agent\":\"" + CHROME
                    + "\",\"headers\":{\"accept\":\"text/html\",\"accept-language\":\"en-US,en;q=0.9\"},\"seconds_since_send\":3600}",
            "{\"id\":\"%d\",\"kind\":\"click\",\"method\":\"GET\",\"ip\":\"40.107.218.12\",\"user_agent\":\"Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36\",\"headers\":{},\"seconds_since_send\":null}",
            "{\"id\":\"%d\",\"kind\":\"open\",\"method\":\"GET\",\"ip\":\"198.51.100.40\",\"user_agent\":\"Microsoft Office/16.0 (Microsoft Outlook 16.0.12329; Pro), Mozilla/4.0 (compatible; ms-office; MSOffice 16)\",\"headers\":{\"accept-language\":\"en-US\"},\"seconds_since_send\":1200}",
            "{\"id\":\"%d\",\"kind\":\"click\",\"method\":\"HEAD\",\"ip\":\"203.0.113.5\",\"user_agent\":\"curl/8.4.0\",\"headers\":{},\"seconds_since_send\":15}",
            "{\"id\":\"%d\",\"kind\":\"open\",\"method\":\"GET\",\"ip\":\"198.51.100.53\",\"user_agent\":\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)\",\"headers\":{\"accept-language\":\"fr-FR\"},\"seconds_since_send\":3000}",
        };
        StringBuilder out = new StringBuilder(n * 260);
        for (int i = 0; i < n; i++) {
            if (i % 50 == 49) {
                out.append("{\"id\":\"").append(i).append("\",\"kind\":\n");
            } else {
                out.append(samples[i % samples.length].replace("%d", Integer.toString(i))).append('\n');
            }
        }
        return out.toString();
    }
}
