package dev.glint.auth;

import dev.glint.store.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** API keys: 256-bit secrets shown once, stored as SHA-256 hashes, checked by hash lookup. */
public final class ApiKeys {
    private static final String PREFIX = "glk_";
    private final ApiKeyStore store;

    public ApiKeys(ApiKeyStore store) {
        this.store = store;
    }

    /** Creates a key for {@code accountId} and returns the secret, which is not stored. */
    public String create(String accountId, String name) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store.put(hash(key), accountId, name);
        return key;
    }

    /** The account of a {@code Bearer} authorization header value, when the key is valid. */
    public Optional<String> authenticate(Optional<String> authorization) {
        return authorization
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(k -> k.startsWith(PREFIX) && k.length() == PREFIX.length() + 43)
                .flatMap(k -> store.accountFor(hash(k)));
    }

    /** Hex SHA-256 of a key: what is stored and looked up. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
