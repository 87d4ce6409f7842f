package dev.glint.api;

import dev.glint.model.IdempotencyClaim;
import dev.glint.store.IdempotencyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An {@link IdempotencyStore} in a map with the Dynamo store's rules (an expired claim is absent); counts calls. */
final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, IdempotencyClaim> claims = new HashMap<>();
    private int calls;

    int calls() {
        return calls;
    }

    @Override
    public Optional<IdempotencyClaim> claim(IdempotencyClaim claim) {
        calls++;
        IdempotencyClaim held = claims.get(key(claim));
        if (held != null && held.liveAt(claim.createdAt())) {
            return Optional.of(held);
        }
        claims.put(key(claim), claim);
        return Optional.empty();
    }

    @Override
    public void release(IdempotencyClaim claim) {
        calls++;
        IdempotencyClaim held = claims.get(key(claim));
        if (held != null && held.emailId().equals(claim.emailId())) {
            claims.remove(key(claim));
        }
    }

    private static String key(IdempotencyClaim claim) {
        return claim.accountId() + "#" + claim.keyHash();
    }
}
