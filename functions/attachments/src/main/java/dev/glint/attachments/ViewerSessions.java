package dev.glint.attachments;

import dev.glint.token.TokenClaims;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Viewer sessions: each page view gets a fresh sealed copy of its link's claims with a short
 * lifetime, so beacons prove they come from a page we served for that very link, with no storage.
 */
final class ViewerSessions {
    /** Longer than anyone reads one file; beacons after it are refused. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private final TokenSealer sealer;

    ViewerSessions(TokenSealer sealer) {
        this.sealer = sealer;
    }

    /** A new session for a page view of the link {@code claims}, issued at {@code now}. */
    String issue(TokenClaims claims, Instant now) {
        return sealer.seal(TokenClaims.attachment(claims.accountId(), claims.emailId(), claims.recipient(), claims.link(),
                claims.destination() == null ? "" : claims.destination(), now.plus(LIFETIME)));
    }

    /**
     * The session's short audit id when {@code session} was issued for the same link and is still
     * live; empty for a forged, foreign or expired one.
     */
    Optional<String> verify(String session, TokenClaims link, Instant now) {
        if (sealer.open(session, now) instanceof TokenResult.Valid(TokenClaims s)
                && s.kind() == link.kind() && s.accountId().equals(link.accountId())
                && s.emailId().equals(link.emailId()) && s.recipient() == link.recipient()
                && s.link() == link.link() && s.destination() != null && s.destination().equals(link.destination())) {
            return Optional.of(auditId(session));
        }
        return Optional.empty();
    }

    /** What the audit log keeps: a short digest, never the sealed value. */
    static String auditId(String session) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(session.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
