package dev.glint.attachments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.glint.hit.HitQueue;
import dev.glint.model.Attachment;
import dev.glint.model.Json;
import dev.glint.model.Page;
import dev.glint.model.RawHit;
import dev.glint.store.AttachmentStore;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenSealer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code GET /a/{token}} and {@code POST /a/{token}/beacons} through the real
 * {@link AttachmentAccessHandler}: real {@link TokenSealer}, real S3 presigner (SigV4 is local
 * work), the attachment store and hits queue in memory (issue 6's target, ≤ 1 ms, excludes the
 * network). In this package, not {@code dev.glint.bench}, so {@link #presign} can call
 * {@link ObjectUrls#download}, the very call the handler makes, which is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttachmentAccessBenchmark {
    /**
     * Links the benchmark cycles through. More than {@link BeaconLimiter}'s 10,000 remembered
     * links, so no link's bucket runs dry (60 beacons a minute) however fast the loop goes.
     */
    static final int LINKS = 16_384;
    private static final String ACCOUNT = "acct_7Qm2x9";
    private static final Pattern SESSION = Pattern.compile("data-session=\"([^\"]+)\"");
    /** What a desktop Chrome sends through API Gateway (lower-cased by it), as the hit keeps most of it. */
    private static final Map<String, String> BROWSER = Map.ofEntries(
            Map.entry("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"),
            Map.entry("accept-encoding", "gzip, deflate, br, zstd"),
            Map.entry("accept-language", "en-GB,en;q=0.9,de;q=0.8"),
            Map.entry("host", "links.glint.example"),
            Map.entry("sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\", \"Google Chrome\";v=\"131\""),
            Map.entry("sec-ch-ua-mobile", "?0"),
            Map.entry("sec-ch-ua-platform", "\"macOS\""),
            Map.entry("sec-fetch-dest", "document"),
            Map.entry("sec-fetch-mode", "navigate"),
            Map.entry("sec-fetch-site", "cross-site"),
            Map.entry("sec-fetch-user", "?1"),
            Map.entry("upgrade-insecure-requests", "1"),
            Map.entry("user-agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
                    + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            Map.entry("x-amzn-trace-id", "Root=1-674470a2-3f1c2b6d5e8a9b0c1d2e3f40"),
            Map.entry("x-forwarded-for", "203.0.113.77"),
            Map.entry("x-forwarded-port", "443"),
            Map.entry("x-forwarded-proto", "https"));
    /** What {@code navigator.sendBeacon} sends with the viewer's string body. */
    private static final Map<String, String> BEACON = Map.of(
            "accept", "*/*",
            "content-type", "text/plain;charset=UTF-8",
            "host", "links.glint.example",
            "origin", "https://links.glint.example",
            "sec-fetch-dest", "empty",
            "sec-fetch-mode", "no-cors",
            "sec-fetch-site", "same-origin",
            "user-agent", BROWSER.get("user-agent"),
            "x-forwarded-for", "203.0.113.77",
            "x-forwarded-proto", "https");

    private AttachmentAccessHandler handler;
    private ObjectUrls urls;
    private Attachment pdf;
    private final APIGatewayV2HTTPEvent[] downloads = new APIGatewayV2HTTPEvent[LINKS];
    private final APIGatewayV2HTTPEvent[] views = new APIGatewayV2HTTPEvent[LINKS];
    private final APIGatewayV2HTTPEvent[] beacons = new APIGatewayV2HTTPEvent[LINKS];
    private int next;

    /** Keeps the attachments in a map: what one GetItem answers, without the network. */
    static final class MemoryAttachments implements AttachmentStore {
        private final Map<String, Attachment> byId;

        MemoryAttachments(Attachment... attachments) {
            this.byId = java.util.Arrays.stream(attachments)
                    .collect(java.util.stream.Collectors.toUnmodifiableMap(Attachment::id, a -> a));
        }

        @Override
        public void create(Attachment attachment) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Optional<Attachment> find(String attachmentId) {
            return Optional.ofNullable(byId.get(attachmentId));
        }

        @Override
        public Page<Attachment> list(String accountId, Optional<String> cursor, int limit) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public boolean update(Attachment attachment, Attachment.Status expected) {
            throw new UnsupportedOperationException("read only");
        }
    }

    /** Writes each hit's JSON as {@code SqsHitQueue} does, and sends it nowhere. */
    static final class MemoryHits implements HitQueue {
        long published;
        long bytes;

        @Override
        public void publish(RawHit hit) {
            published++;
            bytes += Json.write(hit).length();
        }
    }

    @Setup
    public void setUp() {
        Instant now = Instant.now();
        TokenSealer sealer = new TokenSealer(KeyRing.generate());
        // The Lambda signs with its role's temporary credentials, so URLs carry a session token too.
        S3Presigner presigner = S3Presigner.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        "ASIAQ3EGVTEXAMPLE123", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "IQoJb3JpZ2luX2VjEXAMPLE".repeat(30))))
                .build();
        urls = new ObjectUrls(presigner, "glint-attachments-123456789012-eu-west-1", Duration.ofSeconds(120));
        pdf = attachment("att_01jdx4v7k9tq3m8n2p5v", "Q4 board pack – Übersicht.pdf", "application/pdf",
                Attachment.Mode.VIEW, new Attachment.Preview("pdf", null, 24, null));
        Attachment download = attachment("att_01jdx4v7k9tq3m8n2p5d", "Q4 board pack – Übersicht.pdf",
                "application/pdf", Attachment.Mode.DOWNLOAD, new Attachment.Preview("pdf", null, 24, null));
        handler = new AttachmentAccessHandler(sealer, new MemoryAttachments(pdf, download), new MemoryHits(), urls);

        Instant linkExpiry = now.plus(Duration.ofDays(365));
        TokenClaims viewLink = TokenClaims.attachment(ACCOUNT, "em_01jdx4v7k9tq3m8n2p5r", 41, 0, pdf.id(), linkExpiry);
        TokenClaims downloadLink = TokenClaims.attachment(ACCOUNT, "em_01jdx4v7k9tq3m8n2p5r", 41, 1, download.id(),
                linkExpiry);
        // Each seal draws a fresh nonce, so the same claims give LINKS distinct tokens; a session
        // is checked against the claims, so one viewer session serves them all.
        String viewToken = sealer.seal(viewLink);
        APIGatewayV2HTTPResponse page = handler.handleRequest(event("GET", "/a/" + viewToken, BROWSER, null, now, 0), null);
        Matcher session = SESSION.matcher(page.getBody());
        if (page.getStatusCode() != 200 || !session.find()) {
            throw new IllegalStateException("the viewer page did not come back: " + page.getStatusCode());
        }
        String batch = """
                {"session":"%s","beacons":[{"kind":"page","page":1,"dwellMs":8400,"scroll":100},\
                {"kind":"page","page":2,"dwellMs":15200,"scroll":100},{"kind":"page","page":3,"dwellMs":3100,"scroll":42}]}\
                """.formatted(session.group(1));
        for (int i = 0; i < LINKS; i++) {
            downloads[i] = event("GET", "/a/" + sealer.seal(downloadLink), BROWSER, null, now, i);
            views[i] = event("GET", "/a/" + sealer.seal(viewLink), BROWSER, null, now, i);
            beacons[i] = event("POST", "/a/" + sealer.seal(viewLink) + "/beacons", BEACON, batch, now, i);
        }
    }

    /** {@code GET /a/{token}} of a download link: open, GetItem, queue the access, presign, 302. */
    @Benchmark
    public APIGatewayV2HTTPResponse download() {
        return expect(302, handler.handleRequest(downloads[next()], null));
    }

    /** {@code GET /a/{token}} of a view-only PDF: open, GetItem, queue, seal a session, render the viewer page. */
    @Benchmark
    public APIGatewayV2HTTPResponse view() {
        return expect(200, handler.handleRequest(views[next()], null));
    }

    /** {@code POST /a/{token}/beacons}, three page beacons: open, GetItem, parse, check the session, limit, queue 3. */
    @Benchmark
    public APIGatewayV2HTTPResponse beacon() {
        return expect(204, handler.handleRequest(beacons[next()], null));
    }

    /** The presigned GET alone, as the download redirect asks for it. */
    @Benchmark
    public URI presign() {
        return urls.download(pdf.objectKey(), pdf.filename(), pdf.contentType());
    }

    private int next() {
        int i = next;
        next = (i + 1) & (LINKS - 1);
        return i;
    }

    /** A wrong status (a 429, a 404) would time something else: stop the run instead. */
    private static APIGatewayV2HTTPResponse expect(int status, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        return response;
    }

    private static Attachment attachment(String id, String filename, String type, Attachment.Mode mode,
            Attachment.Preview preview) {
        return new Attachment(id, ACCOUNT, filename, 2_483_112, type, mode, null, Attachment.Status.READY,
                "9f2c4e1b7a3d5f6e8c0b1a2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f", Instant.parse("2026-11-20T09:00:00Z"),
                Attachment.objectKey(ACCOUNT, id), preview, null);
    }

    /** An HTTP API (v2) event as API Gateway hands it to the function, built like the local gateway does. */
    private static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> headers,
            String body, Instant at, int n) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012")
                        .withApiId("a1b2c3d4e5")
                        .withDomainName("links.glint.example")
                        .withStage("$default")
                        .withRouteKey("$default")
                        .withRequestId("Cq3x9hEXAMPLE" + n + "=")
                        .withTimeEpoch(at.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.77")
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }
}
