package dev.glint.store;

import dev.glint.model.IdempotencyClaim;
import java.util.Optional;

/** Idempotency keys of {@code POST /api/v1/emails}, one claim per account and key. */
public interface IdempotencyStore {
    /**
     * Stores {@code claim} unless a claim of the same account and key is live at
     * {@code claim.createdAt()}; returns that earlier claim, or empty when this one now holds the key.
     */
    Optional<IdempotencyClaim> claim(IdempotencyClaim claim);

    /** Frees the key if {@code claim} (the same email id) still holds it; otherwise does nothing. */
    void release(IdempotencyClaim claim);
}
