package dev.glint.hit;

import dev.glint.config.LogLine;
import dev.glint.model.EventType;
import dev.glint.model.RawHit;
import dev.glint.rewrite.SafeDestination;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Opens the token of a pixel or click request and hands valid hits to the queue. */
public final class HitIntake {
    /** Headers that later classification needs; everything else (cookies, auth) is dropped. */
    static final Set<String> KEPT_HEADERS = Set.of(
            "accept", "accept-language", "accept-encoding", "referer", "via", "from",
            "sec-purpose", "purpose", "x-purpose", "x-moz", "sec-fetch-dest", "sec-fetch-mode",
            "sec-fetch-site", "sec-fetch-user", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "x-requested-with",
            "x-forwarded-for", "cf-connecting-ip", "dnt");
    private static final int MAX_HEADER_VALUE = 512;

    private final TokenSealer sealer;
    private final HitQueue queue;

    public HitIntake(TokenSealer sealer, HitQueue queue) {
        this.sealer = sealer;
        this.queue = queue;
    }

    /**
     * Accepts a hit on a route that serves tokens of {@code kind}; the click route also serves the
     * honeypot link, which shares its URL shape so machines cannot tell them apart. A click whose
     * token is authentic but expired is still redirected, without an event: links in old mail keep working.
     */
    public HitOutcome accept(HitRequest request, TokenKind kind) {
        TokenResult result = sealer.open(request.token(), request.receivedAt());
        return switch (result) {
            case TokenResult.Valid(TokenClaims claims) when claims.kind() == TokenKind.CLICK
                    && destination(claims).isEmpty() ->
                    new HitOutcome(Optional.empty(), false); // answered 404: nothing was followed
            case TokenResult.Valid(TokenClaims claims) when served(kind, claims.kind()) ->
                    new HitOutcome(destination(claims), publish(request, claims), isHoneypot(claims));
            case TokenResult.Expired(TokenClaims claims) when served(kind, claims.kind()) ->
                    new HitOutcome(destination(claims), false, isHoneypot(claims));
            default -> new HitOutcome(Optional.empty(), false);
        };
    }

    private static boolean served(TokenKind route, TokenKind token) {
        // The pixel route also serves the CSS beacons: an image whatever the token, so the mail renders.
        return token == route || (route == TokenKind.CLICK && token == TokenKind.HONEYPOT)
                || (route == TokenKind.OPEN && (token == TokenKind.READ || token == TokenKind.FORWARD));
    }

    private static boolean isHoneypot(TokenClaims claims) {
        return claims.kind() == TokenKind.HONEYPOT;
    }

    private static Optional<String> destination(TokenClaims claims) {
        // Checked again at redirect time: a sealed destination is authentic, but rules may tighten.
        return claims.destination() == null ? Optional.empty() : SafeDestination.check(claims.destination());
    }

    private boolean publish(HitRequest request, TokenClaims claims) {
        boolean probe = !request.method().equalsIgnoreCase("GET");
        EventType type = probe ? EventType.PROBE : switch (claims.kind()) {
            case OPEN -> EventType.OPEN;
            case CLICK -> EventType.CLICK;
            case HONEYPOT -> EventType.HONEYPOT;
            case READ -> EventType.READ;
            case FORWARD -> EventType.FORWARD;
            case ATTACHMENT -> EventType.ATTACHMENT;
        };
        RawHit hit = rawHit(request, claims, type, request.requestId(), Map.of());
        try {
            queue.publish(hit);
            return true;
        } catch (RuntimeException e) {
            // The visitor still gets the image or the redirect; the failure is logged and alarmed on.
            LogLine.count("ERROR", "hit_publish_failed", "HitPublishFailed",
                    Map.of("hitId", request.requestId(), "error", e.getClass().getName()));
            return false;
        }
    }

    /**
     * The queue message for a hit on {@code claims}, with only the headers classification needs,
     * each truncated: every function that turns a token into a hit builds it here.
     *
     * @param hitId unique per recorded hit (a request that records several hits suffixes the request id)
     */
    public static RawHit rawHit(HitRequest request, TokenClaims claims, EventType type, String hitId,
            Map<String, String> detail) {
        return new RawHit(
                hitId,
                type,
                request.method().toUpperCase(Locale.ROOT),
                request.receivedAt().toEpochMilli(),
                claims.accountId(),
                claims.emailId(),
                claims.recipient(),
                claims.link(),
                claims.destination(),
                request.ip(),
                truncate(request.userAgent()),
                keptHeaders(request.headers()),
                claims.expiresAt().getEpochSecond(),
                detail);
    }

    private static Map<String, String> keptHeaders(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(lower) && value != null) {
                kept.put(lower, truncate(value));
            }
        });
        return kept;
    }

    private static String truncate(String value) {
        return value.length() <= MAX_HEADER_VALUE ? value : value.substring(0, MAX_HEADER_VALUE);
    }
}
