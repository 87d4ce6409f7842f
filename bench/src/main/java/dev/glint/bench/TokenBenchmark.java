package dev.glint.bench;

import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Sealing and opening one click token with a typical campaign destination; target 2 µs each. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private TokenSealer sealer;
    private TokenClaims click;
    private String token;

    @Setup
    public void setUp() {
        sealer = new TokenSealer(KeyRing.generate());
        click = TokenClaims.click("acct_7Qm2x9", "em_01JDX4V7K9TQ3M8N2P5R6S", 41, 7,
                "https://shop.example.com/winter/sale?utm_source=newsletter&utm_medium=email&utm_campaign=nov-2026",
                NOW.plus(Duration.ofDays(365)));
        token = sealer.seal(click);
    }

    @Benchmark
    public String seal() {
        return sealer.seal(click);
    }

    @Benchmark
    public TokenResult open() {
        return sealer.open(token, NOW);
    }
}
