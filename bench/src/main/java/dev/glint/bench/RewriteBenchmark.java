package dev.glint.bench;

import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.send.SealedTrackingUrls;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenSealer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The rewrite engine on corpus mails: parsing once, stamping one recipient's copy with real
 * sealed tokens, the 50 stamps of a 50-recipient send (target under 10 ms), and the whole send
 * with its parse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RewriteBenchmark {
    static final int RECIPIENTS = 50;
    private static final Instant EXPIRES = Instant.parse("2027-11-25T12:00:00Z");

    @Param({"small", "median", "large", "links"})
    public String mail;

    private String html;
    private MailTemplate template;
    private TokenSealer sealer;
    private int recipient;

    @Setup
    public void setUp() {
        html = CorpusMails.read(mail);
        template = MailTemplate.parse(html, null);
        sealer = new TokenSealer(KeyRing.generate());
    }

    @Benchmark
    public MailTemplate parse() {
        return MailTemplate.parse(html, null);
    }

    @Benchmark
    public RewrittenMail stamp() {
        recipient = (recipient + 1) % 100_000;
        return template.stamp(urls(recipient));
    }

    @Benchmark
    public void stamp50(Blackhole out) {
        for (int r = 0; r < RECIPIENTS; r++) {
            out.consume(template.stamp(urls(r)));
        }
    }

    @Benchmark
    public void send50(Blackhole out) {
        MailTemplate parsed = MailTemplate.parse(html, null);
        for (int r = 0; r < RECIPIENTS; r++) {
            out.consume(parsed.stamp(urls(r)));
        }
    }

    private SealedTrackingUrls urls(int index) {
        return urls(sealer, index);
    }

    /** A recipient's URLs exactly as the send service makes them. */
    static SealedTrackingUrls urls(TokenSealer sealer, int recipient) {
        return new SealedTrackingUrls(sealer, "https://t.glint.example", "acct_7Qm2x9", "em_01JDX4V7K9TQ3M8N2P5R6S",
                recipient, EXPIRES);
    }
}
