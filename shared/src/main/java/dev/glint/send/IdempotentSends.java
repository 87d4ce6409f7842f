package dev.glint.send;

import dev.glint.model.EmailRecord;
import dev.glint.model.IdempotencyClaim;
import dev.glint.model.Ids;
import dev.glint.model.RecipientRecord;
import dev.glint.store.EmailStore;
import dev.glint.store.IdempotencyStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Sends at most once per {@code Idempotency-Key} (the Stripe convention): the first request claims
 * the key, with the email id it will use, before anything is stored or sent; a retry with the same
 * key and request gets that email back instead of a second send.
 */
public final class IdempotentSends {
    /** How long a key is remembered: a retry after that sends again. */
    public static final Duration KEY_LIFETIME = Duration.ofHours(24);
    /** 1 to 255 printable ASCII characters (POSIX classes in Java are ASCII-only). */
    private static final Pattern KEY = Pattern.compile("\\p{Print}{1,255}");
    /** Part of every request hash: a change of the canonical form must change this. */
    private static final String CANONICAL_FORM = "glint-send-v1";

    private final SendService sends;
    private final EmailStore emails;
    private final IdempotencyStore claims;
    private final Clock clock;

    public IdempotentSends(SendService sends, EmailStore emails, IdempotencyStore claims, Clock clock) {
        this.sends = sends;
        this.emails = emails;
        this.claims = claims;
        this.clock = clock;
    }

    /** What a send came to. */
    public sealed interface Outcome {
        /** Sent now: the key's first use, or no key. */
        record Sent(SendResult result) implements Outcome {}

        /**
         * Sent by an earlier request with this key and request; recipients' statuses are as stored
         * now, and a caller that delivers the mail itself gets the copies again.
         */
        record Replayed(SendResult result) implements Outcome {}

        /** An earlier request holds the key but has not stored its email yet. */
        record InProgress() implements Outcome {}

        /** The key was first used with a different request. */
        record DifferentRequest() implements Outcome {}
    }

    /** Whether {@code key} may be used as an idempotency key. */
    public static boolean isWellFormedKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** Sends {@code request} unless an earlier request with the same key (within the account) did. */
    public Outcome send(SendRequest request, Optional<String> idempotencyKey) {
        if (idempotencyKey.isEmpty()) {
            return new Outcome.Sent(sends.send(request));
        }
        String key = idempotencyKey.get();
        if (!isWellFormedKey(key)) {
            throw new IllegalArgumentException("not a well-formed idempotency key");
        }
        Instant now = clock.instant();
        IdempotencyClaim claim = new IdempotencyClaim(request.accountId(), hex(sha256().digest(ascii(key))),
                Ids.email(), requestHash(request), now, now.plus(KEY_LIFETIME));
        Optional<IdempotencyClaim> earlier = claims.claim(claim);
        if (earlier.isEmpty()) {
            try {
                return new Outcome.Sent(sends.send(request, claim.emailId()));
            } catch (RuntimeException e) {
                releaseIfNothingSent(claim, e);
                throw e;
            }
        }
        if (!earlier.get().requestHash().equals(claim.requestHash())) {
            return new Outcome.DifferentRequest();
        }
        // The email's META item is written after its recipients: once it exists, the replay is complete.
        return emails.find(earlier.get().emailId())
                .<Outcome>map(email -> new Outcome.Replayed(replay(request, email)))
                .orElseGet(Outcome.InProgress::new);
    }

    /** The stored email; a caller that delivers the mail itself gets its copies again (same hash, same delivery). */
    private SendResult replay(SendRequest request, EmailRecord email) {
        List<RecipientRecord> recipients = emails.recipients(email.id());
        return switch (request.delivery()) {
            case SES -> new SendResult(email, recipients);
            case CLIENT -> new SendResult(email, recipients, sends.copiesOf(request, email, recipients));
        };
    }

    /**
     * Mail goes out only after the email's META is stored: without it nothing was sent, so the key
     * is freed for the client's retry instead of answering "in progress" until it expires.
     */
    private void releaseIfNothingSent(IdempotencyClaim claim, RuntimeException failure) {
        try {
            if (emails.find(claim.emailId()).isEmpty()) {
                claims.release(claim);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Hex SHA-256 of the validated request without its account (the key's scope already): each
     * field length-prefixed, so two different requests never share a canonical form.
     */
    static String requestHash(SendRequest request) {
        MessageDigest digest = sha256();
        field(digest, CANONICAL_FORM);
        field(digest, request.from());
        for (List<String> list : List.of(request.to(), request.cc(), request.bcc())) {
            digest.update(ByteBuffer.allocate(4).putInt(list.size()).array());
            list.forEach(address -> field(digest, address));
        }
        field(digest, request.subject());
        field(digest, request.html());
        field(digest, request.text());
        digest.update((byte) (request.trackOpens() ? 1 : 0));
        digest.update((byte) (request.trackClicks() ? 1 : 0));
        // Only a non-default delivery extends the form: keys claimed before the field existed still match.
        if (request.delivery() != Delivery.SES) {
            field(digest, request.delivery().wireName());
        }
        // Likewise attachments: a tagged, counted list only when there are some.
        if (!request.attachments().isEmpty()) {
            field(digest, "attachments");
            digest.update(ByteBuffer.allocate(4).putInt(request.attachments().size()).array());
            request.attachments().forEach(id -> field(digest, id));
        }
        return hex(digest.digest());
    }

    /** Length (-1 for absent), then the UTF-8 bytes. */
    private static void field(MessageDigest digest, @Nullable String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static byte[] ascii(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
