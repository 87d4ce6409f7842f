package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.time.Duration;
import java.time.Instant;

/** Tracking URLs sealed with a real {@link TokenSealer}, as the send service makes them, and opened again. */
final class SealingUrls implements TrackingUrls {
    static final String CLICK = "https://t.example/c/";
    static final String OPEN = "https://t.example/o/";
    static final String ATTACHMENT = "https://t.example/a/";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(90));
    private static final TokenSealer SEALER = new TokenSealer(KeyRing.generate());

    private final int recipient;
    int pixelCalls;
    int clickCalls;
    int honeypotCalls;
    int attachmentCalls;

    SealingUrls(int recipient) {
        this.recipient = recipient;
    }

    @Override
    public String pixelUrl() {
        pixelCalls++;
        return OPEN + SEALER.seal(TokenClaims.open("acct_test", "em_test", recipient, EXPIRES)) + ".gif";
    }

    @Override
    public String clickUrl(int linkIndex, String destination) {
        clickCalls++;
        return CLICK + SEALER.seal(TokenClaims.click("acct_test", "em_test", recipient, linkIndex, destination, EXPIRES));
    }

    @Override
    public String honeypotUrl() {
        honeypotCalls++;
        return CLICK + SEALER.seal(TokenClaims.honeypot("acct_test", "em_test", recipient, EXPIRES));
    }

    @Override
    public String readUrl(int stepSeconds) {
        return OPEN + SEALER.seal(TokenClaims.read("acct_test", "em_test", recipient, stepSeconds, EXPIRES)) + ".gif";
    }

    @Override
    public String forwardUrl() {
        return OPEN + SEALER.seal(TokenClaims.forward("acct_test", "em_test", recipient, EXPIRES)) + ".gif";
    }

    @Override
    public String attachmentUrl(int index, String attachmentId) {
        attachmentCalls++;
        return ATTACHMENT + SEALER.seal(TokenClaims.attachment("acct_test", "em_test", recipient, index, attachmentId, EXPIRES));
    }

    /** The claims sealed in an attachment URL found in a stamped copy; fails when it does not open. */
    static TokenClaims openAttachment(String url) {
        assertTrue(url.startsWith(ATTACHMENT), "not an attachment URL: " + url);
        TokenResult result = SEALER.open(url.substring(ATTACHMENT.length()), NOW);
        TokenClaims claims = assertInstanceOf(TokenResult.Valid.class, result, "token did not open: " + url).claims();
        assertTrue(claims.kind() == TokenKind.ATTACHMENT, "not an attachment token: " + url);
        return claims;
    }

    /** The copy without its CSS beacons: the one style block and the empty beacon elements. */
    static String withoutBeacons(String html) {
        return html.replaceFirst("<style type=\"text/css\">\\.glint-r2\\{.*?</style>", "")
                .replaceAll("<div class=\"glint-[^\"]+\" aria-hidden=\"true\" style=\"[^\"]+\"></div>", "");
    }

    /** The copy without its CSS beacons and honeypot link, which the stamp inserts as one fixed tag before the pixel. */
    static String withoutHoneypot(String html) {
        return withoutBeacons(html).replaceFirst("<a href=\"" + java.util.regex.Pattern.quote(CLICK) + "[A-Za-z0-9_-]+\" style=\"display:none"
                + " !important;mso-hide:all\" aria-hidden=\"true\" tabindex=\"-1\"></a>", "");
    }

    /** Whether a URL found in a stamped copy is its honeypot link (same shape as a click URL, another token kind). */
    static boolean isHoneypot(String url) {
        if (!url.startsWith(CLICK)) {
            return false;
        }
        return SEALER.open(url.substring(CLICK.length()), NOW) instanceof TokenResult.Valid(TokenClaims claims)
                && claims.kind() == TokenKind.HONEYPOT;
    }

    /** The claims sealed in a click or pixel URL found in a stamped copy; fails when it does not open. */
    static TokenClaims open(String url) {
        String token;
        if (url.startsWith(CLICK)) {
            token = url.substring(CLICK.length());
        } else {
            assertTrue(url.startsWith(OPEN) && url.endsWith(".gif"), "not a tracking URL: " + url);
            token = url.substring(OPEN.length(), url.length() - ".gif".length());
        }
        TokenResult result = SEALER.open(token, NOW);
        return assertInstanceOf(TokenResult.Valid.class, result, "token did not open: " + url).claims();
    }

    static TokenClaims openClick(String url) {
        TokenClaims claims = open(url);
        assertTrue(claims.kind() == TokenKind.CLICK, "not a click token: " + url);
        return claims;
    }
}
