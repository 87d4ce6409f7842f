package dev.glint.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.glint.hit.HitIntake;
import dev.glint.hit.HitQueue;
import dev.glint.model.EventType;
import dev.glint.model.RawHit;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenSealer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrackHitHandlerTest {
    private static final Path FIXTURE = Path.of(System.getProperty("glint.shared.dir"),
            "fixtures/aws-events/aws-lambda-java-libs/apigw_http_event.json");
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(30));

    private final TokenSealer sealer = new TokenSealer(KeyRing.generate());
    private final List<RawHit> queued = new ArrayList<>();
    private final TrackHitHandler handler = new TrackHitHandler(new HitIntake(sealer, queued::add));

    @Test
    void pixelIsAValidGifWithNoCacheHeadersAndQueuesOneOpen() throws IOException {
        // GIVEN a pixel request with a valid open token
        String token = sealer.seal(TokenClaims.open("acct_1", "em_1", 4, LATER));

        // WHEN it is handled
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/o/" + token + ".gif"), null);

        // THEN a decodable 1x1 transparent GIF comes back, uncached, and one open is queued
        assertEquals(200, response.getStatusCode());
        assertEquals("image/gif", response.getHeaders().get("Content-Type"));
        assertEquals("no-cache, no-store, must-revalidate, private, max-age=0", response.getHeaders().get("Cache-Control"));
        assertEquals("no-cache", response.getHeaders().get("Pragma"));
        assertEquals("0", response.getHeaders().get("Expires"));
        assertTransparentPixel(response);
        assertEquals(1, queued.size());
        RawHit hit = queued.get(0);
        assertEquals(EventType.OPEN, hit.type());
        assertEquals("em_1", hit.emailId());
        assertEquals(4, hit.recipient());
        assertFalse(hit.ip().isEmpty(), "the source ip is kept");
        assertFalse(hit.userAgent().isEmpty(), "the user agent is kept");
        assertEquals("image/*", hit.headers().get("accept"));
        assertFalse(hit.headers().containsKey("cookie"), "cookies are never kept");
    }

    @Test
    void pngVariantIsAValidTransparentPng() throws IOException {
        String token = sealer.seal(TokenClaims.open("acct_1", "em_1", 0, LATER));
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/o/" + token + ".png"), null);
        assertEquals("image/png", response.getHeaders().get("Content-Type"));
        assertTransparentPixel(response);
        assertEquals(1, queued.size());
    }

    @Test
    void invalidTokenStillGetsTheImageButNoEvent() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/o/garbage-token.gif"), null);
        assertEquals(200, response.getStatusCode());
        assertTransparentPixel(response);
        assertTrue(queued.isEmpty());
    }

    @Test
    void headIsAnsweredWithoutBodyAndRecordedAsAProbeNotAnOpen() {
        String token = sealer.seal(TokenClaims.open("acct_1", "em_1", 0, LATER));
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("HEAD", "/o/" + token + ".gif"), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("image/gif", response.getHeaders().get("Content-Type"));
        assertTrue(response.getBody().isEmpty());
        assertEquals(EventType.PROBE, queued.get(0).type());
    }

    @Test
    void clickRedirectsToTheSealedDestinationAndQueuesOneClick() {
        String token = sealer.seal(TokenClaims.click("acct_1", "em_1", 2, 7, "https://example.com/a?b=1&c=2", LATER));
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/c/" + token), null);
        assertEquals(302, response.getStatusCode());
        assertEquals("https://example.com/a?b=1&c=2", response.getHeaders().get("Location"));
        assertEquals(EventType.CLICK, queued.get(0).type());
        assertEquals(7, queued.get(0).link());
    }

    @Test
    void honeypotLinkGetsASmallUncachedPageNeverARedirectAndQueuesAHoneypotHit() {
        // GIVEN the hidden honeypot link of recipient 2
        String token = sealer.seal(TokenClaims.honeypot("acct_1", "em_1", 2, LATER));

        // WHEN a machine follows it
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/c/" + token), null);

        // THEN it gets a 200 HTML page that is neither cached nor indexed, and no Location
        assertEquals(200, response.getStatusCode());
        assertFalse(response.getHeaders().containsKey("Location"));
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(response.getHeaders().get("Cache-Control").contains("no-store"));
        assertTrue(response.getHeaders().get("X-Robots-Tag").contains("noindex"));
        assertTrue(response.getBody().contains("noindex"));
        // AND one honeypot hit of that recipient is queued, with no link
        assertEquals(1, queued.size());
        assertEquals(EventType.HONEYPOT, queued.get(0).type());
        assertEquals(2, queued.get(0).recipient());
        assertEquals(-1, queued.get(0).link());
    }

    @Test
    void headOnTheHoneypotLinkIsAnsweredWithoutBodyAndRecordedAsAProbe() {
        String token = sealer.seal(TokenClaims.honeypot("acct_1", "em_1", 0, LATER));
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("HEAD", "/c/" + token), null);
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().isEmpty());
        assertFalse(response.getHeaders().containsKey("Location"));
        assertEquals(EventType.PROBE, queued.get(0).type());
    }

    @Test
    void honeypotTokenOnThePixelRouteRecordsNothing() throws IOException {
        String token = sealer.seal(TokenClaims.honeypot("acct_1", "em_1", 0, LATER));
        assertTransparentPixel(handler.handleRequest(request("GET", "/o/" + token + ".gif"), null));
        assertTrue(queued.isEmpty());
    }

    @Test
    void tamperedClickTokenGetsANotFoundPageNeverARedirect() {
        String token = sealer.seal(TokenClaims.click("acct_1", "em_1", 2, 7, "https://example.com/", LATER));
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/c/" + tampered), null);
        assertEquals(404, response.getStatusCode());
        assertFalse(response.getHeaders().containsKey("Location"));
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        assertTrue(queued.isEmpty());
    }

    @Test
    void openTokenOnTheClickRouteIsNotFound() {
        String token = sealer.seal(TokenClaims.open("acct_1", "em_1", 0, LATER));
        assertEquals(404, handler.handleRequest(request("GET", "/c/" + token), null).getStatusCode());
        assertTrue(queued.isEmpty());
    }

    @Test
    void unsafeSealedDestinationIsNeverARedirectTarget() {
        String token = sealer.seal(TokenClaims.click("acct_1", "em_1", 0, 0, "javascript:alert(1)", LATER));
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/c/" + token), null);
        assertEquals(404, response.getStatusCode());
        assertFalse(response.getHeaders().containsKey("Location"));
        assertTrue(queued.isEmpty(), "a click answered 404 is not a click");
    }

    @Test
    void expiredClickStillRedirectsButRecordsNothing() {
        String token = sealer.seal(TokenClaims.click("acct_1", "em_1", 0, 0, "https://example.com/old",
                Instant.now().minusSeconds(60)));
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/c/" + token), null);
        assertEquals(302, response.getStatusCode());
        assertEquals("https://example.com/old", response.getHeaders().get("Location"));
        assertTrue(queued.isEmpty());
    }

    @Test
    void aQueueOutageDoesNotBreakTheMail() throws IOException {
        // GIVEN a queue that refuses everything
        HitQueue broken = hit -> {
            throw new IllegalStateException("SQS is down");
        };
        TrackHitHandler degraded = new TrackHitHandler(new HitIntake(sealer, broken));
        String open = sealer.seal(TokenClaims.open("acct_1", "em_1", 0, LATER));
        String click = sealer.seal(TokenClaims.click("acct_1", "em_1", 0, 0, "https://example.com/", LATER));

        // WHEN a pixel and a click arrive THEN the reader still gets the image and the page
        assertTransparentPixel(degraded.handleRequest(request("GET", "/o/" + open + ".gif"), null));
        assertEquals(302, degraded.handleRequest(request("GET", "/c/" + click), null).getStatusCode());
    }

    @Test
    void aReadBeaconOnThePixelRouteIsAnImageAndQueuesAReadWithItsStep() throws IOException {
        // GIVEN the 8 s read beacon of recipient 2
        String token = sealer.seal(TokenClaims.read("acct_1", "em_1", 2, 8, LATER));
        // WHEN it is loaded
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "/o/" + token + ".gif"), null);
        // THEN the image comes back and one read hit with step 8 is queued, not an open
        assertTransparentPixel(response);
        assertEquals(1, queued.size());
        assertEquals(EventType.READ, queued.get(0).type());
        assertEquals(8, queued.get(0).link());
        assertEquals(2, queued.get(0).recipient());
    }

    @Test
    void aForwardBeaconQueuesAForwardAndAHeadOnItIsAProbe() throws IOException {
        // GIVEN the forward beacon of recipient 1
        String token = sealer.seal(TokenClaims.forward("acct_1", "em_1", 1, LATER));
        // WHEN it is loaded, then probed with HEAD
        assertTransparentPixel(handler.handleRequest(request("GET", "/o/" + token + ".gif"), null));
        handler.handleRequest(request("HEAD", "/o/" + token + ".gif"), null);
        // THEN a forward hit is queued for the GET and a probe for the HEAD
        assertEquals(List.of(EventType.FORWARD, EventType.PROBE), queued.stream().map(RawHit::type).toList());
    }

    @Test
    void aReadTokenOnTheClickRouteIsNotServed() {
        String token = sealer.seal(TokenClaims.read("acct_1", "em_1", 2, 2, LATER));
        assertEquals(404, handler.handleRequest(request("GET", "/c/" + token), null).getStatusCode());
        assertTrue(queued.isEmpty());
    }

    private static APIGatewayV2HTTPEvent request(String method, String path) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(FIXTURE.toString());
        event.setRawPath(path);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.getRequestContext().setTimeEpoch(Instant.now().toEpochMilli());
        event.setHeaders(Map.of("user-agent", "Mozilla/5.0 (test)", "accept", "image/*", "cookie", "secret=1"));
        return event;
    }

    private static void assertTransparentPixel(APIGatewayV2HTTPResponse response) throws IOException {
        assertTrue(response.getIsBase64Encoded());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(response.getBody())));
        assertEquals(1, image.getWidth());
        assertEquals(1, image.getHeight());
        assertEquals(0, image.getRGB(0, 0) >>> 24, "pixel must be fully transparent");
    }
}
