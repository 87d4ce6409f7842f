package dev.glint.model;

import java.time.Instant;

/**
 * An account's {@code Idempotency-Key}, held by the first request that used it until {@code expiresAt}.
 *
 * @param keyHash hex SHA-256 of the key: the key itself is never stored
 * @param emailId the id the first request sends its email under
 * @param requestHash hex SHA-256 of the first request's canonical form
 */
public record IdempotencyClaim(
        String accountId,
        String keyHash,
        String emailId,
        String requestHash,
        Instant createdAt,
        Instant expiresAt) {

    /** An expired claim counts as absent, whether or not TTL has deleted it yet. */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
