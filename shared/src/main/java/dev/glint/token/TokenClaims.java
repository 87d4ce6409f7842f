package dev.glint.token;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a tracking token carries, so that a hit needs no database read.
 *
 * @param recipient index of the recipient within the email (0-based)
 * @param link index of the link within the email for clicks, -1 for opens and the honeypot
 * @param destination the sealed redirect target for clicks, null for opens and the honeypot
 */
public record TokenClaims(
        TokenKind kind,
        String accountId,
        String emailId,
        int recipient,
        int link,
        @Nullable String destination,
        Instant expiresAt) {

    public TokenClaims {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (recipient < 0) {
            throw new IllegalArgumentException("recipient index must be >= 0");
        }
        if (kind == TokenKind.CLICK && (destination == null || link < 0)) {
            throw new IllegalArgumentException("a click token needs a link index and a destination");
        }
        if (kind != TokenKind.CLICK && (destination != null || link != -1)) {
            throw new IllegalArgumentException("an open or honeypot token carries no link");
        }
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond()); // tokens keep whole seconds
    }

    /** Claims for a tracking pixel. */
    public static TokenClaims open(String accountId, String emailId, int recipient, Instant expiresAt) {
        return new TokenClaims(TokenKind.OPEN, accountId, emailId, recipient, -1, null, expiresAt);
    }

    /** Claims for a rewritten link. */
    public static TokenClaims click(
            String accountId, String emailId, int recipient, int link, String destination, Instant expiresAt) {
        return new TokenClaims(TokenKind.CLICK, accountId, emailId, recipient, link, destination, expiresAt);
    }

    /** Claims for the hidden honeypot link of a recipient's copy. */
    public static TokenClaims honeypot(String accountId, String emailId, int recipient, Instant expiresAt) {
        return new TokenClaims(TokenKind.HONEYPOT, accountId, emailId, recipient, -1, null, expiresAt);
    }
}
