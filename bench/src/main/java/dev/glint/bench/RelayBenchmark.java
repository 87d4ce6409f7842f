package dev.glint.bench;

import dev.glint.mime.HeaderEditor;
import dev.glint.mime.MessageBytes;
import dev.glint.mime.TrackedMessage;
import dev.glint.relay.CopyHeaders;
import dev.glint.relay.TrackingAddresses;
import dev.glint.send.SealedTrackingUrls;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenSealer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The tracking-address relay's CPU path without SES or DynamoDB, as {@code InboundRelay.relay}
 * runs it: prepare the received message once, then one byte[] copy per recipient with its own
 * sealed tokens and edited header. Target (issue 5): a 200 KB multipart mail to 20 recipients in
 * at most 50 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RelayBenchmark {
    static final long SEED = 20261125L;
    static final int MESSAGE_BYTES = 200_000;
    private static final Instant EXPIRES = Instant.parse("2027-11-25T12:00:00Z");

    /** {@code newsletter}: generated 60 KB UTF-8 HTML, 40 links; {@code corpus}: the corpus's largest mail (92 KB, real markup). */
    @Param({"newsletter", "corpus"})
    public String mail;

    /** {@code mapped}: a temp file mapped outside the heap, as the Lambda reads it; {@code heap}: a byte[]. */
    @Param({"mapped", "heap"})
    public String bytes;

    private MessageBytes message;
    private HeaderEditor headers;
    private TokenSealer sealer;
    private Path file;
    private int recipient;

    @Setup
    public void setUp() throws IOException {
        byte[] raw = RelayMails.message(SEED, html(mail), MESSAGE_BYTES);
        if (bytes.equals("mapped")) {
            file = Files.createTempFile("glint-relay-bench-", ".eml");
            Files.write(file, raw);
            message = MessageBytes.map(file);
        } else {
            message = MessageBytes.of(raw);
        }
        headers = CopyHeaders.editor(new TrackingAddresses(RelayMails.TRACKING_DOMAIN), null);
        sealer = new TokenSealer(KeyRing.generate());
    }

    @TearDown
    public void tearDown() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file); // the mapping stays valid until it is unreachable
        }
    }

    /** Prepare plus 20 copies: the relay's whole CPU cost for one received message. */
    @Benchmark
    public void relay20(Blackhole out) {
        TrackedMessage m = TrackedMessage.prepare(message);
        for (int r = 0; r < RelayMails.RECIPIENTS; r++) {
            out.consume(m.copy(headers, urls(sealer, r), true, true));
        }
    }

    @Benchmark
    public TrackedMessage prepare() {
        return TrackedMessage.prepare(message);
    }

    /** The message prepared in its own state, so that relay20 and prepare start from an unprepared message. */
    @State(Scope.Thread)
    public static class Prepared {
        TrackedMessage message;

        @Setup
        public void setUp(RelayBenchmark bench) {
            message = TrackedMessage.prepare(bench.message);
        }
    }

    @Benchmark
    public byte[] copyOne(Prepared prepared) {
        recipient = (recipient + 1) % RelayMails.RECIPIENTS;
        return prepared.message.copy(headers, urls(sealer, recipient), true, true);
    }

    /** The corpus mail or the generated newsletter, by its {@code @Param} name. */
    static String html(String mail) {
        return switch (mail) {
            case "newsletter" -> RelayMails.newsletterHtml(SEED, 60_000);
            case "corpus" -> CorpusMails.read("large");
            default -> throw new IllegalArgumentException("unknown mail " + mail + "; known: newsletter, corpus");
        };
    }

    /** A recipient's URLs exactly as the relay makes them. */
    static SealedTrackingUrls urls(TokenSealer sealer, int recipient) {
        return new SealedTrackingUrls(sealer, "https://t.glint.example", "acct_7Qm2x9", "em_01JDX4V7K9TQ3M8N2P5R6S",
                recipient, EXPIRES);
    }
}
