package dev.glint.api;

import dev.glint.store.ApiKeyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Key hashes in a map: enough for authentication, which is all these tests need of keys. */
final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    @Override
    public Optional<String> accountFor(String keyHash) {
        return Optional.ofNullable(accounts.get(keyHash));
    }

    @Override
    public void put(String keyHash, String accountId, String name) {
        accounts.put(keyHash, accountId);
    }
}
