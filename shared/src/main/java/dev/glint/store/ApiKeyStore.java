package dev.glint.store;

import java.util.Optional;

/** API keys, stored only as SHA-256 hashes of the secret. */
public interface ApiKeyStore {
    /** The account of the key whose hash is {@code keyHash}, when it exists and is active. */
    Optional<String> accountFor(String keyHash);

    /** Records a key hash for an account. */
    void put(String keyHash, String accountId, String name);
}
