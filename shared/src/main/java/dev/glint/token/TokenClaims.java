package dev.glint.token;

import java.time.Instant;
import dev.glint.model.Ids;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a tracking token carries, so that a hit needs no database read.
 *
 * @param recipient index of the recipient within the email (0-based)
 * @param link index of the link within the email for clicks; for {@link TokenKind#READ} the reading
 *     step in seconds (one of {@link #READ_STEPS}); for {@link TokenKind#ATTACHMENT} the attachment's
 *     index in the email; -1 for every other kind
 * @param destination the sealed redirect target for clicks, the attachment id for attachments,
 *     null for every other kind
 */
public record TokenClaims(
        TokenKind kind,
        String accountId,
        String emailId,
        int recipient,
        int link,
        @Nullable String destination,
        Instant expiresAt) {

    /** The seconds after render at which a copy's read beacons load, in order. */
    public static final List<Integer> READ_STEPS = List.of(2, 8, 20);

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
        if (kind == TokenKind.READ && (destination != null || !READ_STEPS.contains(link))) {
            throw new IllegalArgumentException("a read token carries one of the steps " + READ_STEPS + " and no destination");
        }
        if (kind == TokenKind.ATTACHMENT && (destination == null || !Ids.isAttachmentId(destination) || link < 0)) {
            throw new IllegalArgumentException("an attachment token carries the attachment's index and id");
        }
        if (kind != TokenKind.CLICK && kind != TokenKind.READ && kind != TokenKind.ATTACHMENT
                && (destination != null || link != -1)) {
            throw new IllegalArgumentException("an open, honeypot or forward token carries no link");
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

    /** Claims for the read beacon that loads {@code stepSeconds} after the copy rendered. */
    public static TokenClaims read(String accountId, String emailId, int recipient, int stepSeconds, Instant expiresAt) {
        return new TokenClaims(TokenKind.READ, accountId, emailId, recipient, stepSeconds, null, expiresAt);
    }

    /** Claims for one recipient's link to the email's attachment number {@code index}. */
    public static TokenClaims attachment(String accountId, String emailId, int recipient, int index, String attachmentId,
            Instant expiresAt) {
        return new TokenClaims(TokenKind.ATTACHMENT, accountId, emailId, recipient, index, attachmentId, expiresAt);
    }

    /** Claims for the beacon that loads only when the copy is quoted in a reply or forward. */
    public static TokenClaims forward(String accountId, String emailId, int recipient, Instant expiresAt) {
        return new TokenClaims(TokenKind.FORWARD, accountId, emailId, recipient, -1, null, expiresAt);
    }
}
