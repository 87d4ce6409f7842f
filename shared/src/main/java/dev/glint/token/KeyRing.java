package dev.glint.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token keys: one current key that seals, and older keys that still open mail already sent.
 *
 * <p>Its JSON form is what Secrets Manager holds and what the local runner persists: an object
 * whose {@code "current"} names the sealing key id, and whose other properties map a key id
 * (0–255) to a secret string of at least 32 characters. The AES-256 key is derived from the
 * string with HMAC-SHA256, so a generated password-style secret is a valid key.
 */
public final class KeyRing {
    private static final int MIN_SECRET_LENGTH = 32;
    private static final byte[] KDF_LABEL = "glint-token-key-v1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int currentId;
    private final Map<Integer, SecretKey> keys;
    private final Map<Integer, String> secrets;

    private KeyRing(int currentId, Map<Integer, String> secrets) {
        if (!secrets.containsKey(currentId)) {
            throw new IllegalArgumentException("key ring has no key with the current id " + currentId);
        }
        this.currentId = currentId;
        this.secrets = Map.copyOf(secrets);
        Map<Integer, SecretKey> derived = new LinkedHashMap<>();
        secrets.forEach((id, secret) -> derived.put(id, derive(secret)));
        this.keys = Map.copyOf(derived);
    }

    /** Parses the JSON form; fails with a message naming what is wrong (never the secret). */
    public static KeyRing fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("token key ring is not valid JSON");
        }
        if (root == null || !root.isObject() || !root.has("current")) {
            throw new IllegalArgumentException("token key ring must be a JSON object with \"current\"");
        }
        int current = parseId(root.get("current").asText());
        Map<Integer, String> secrets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("current")) {
                continue;
            }
            String secret = field.getValue().asText("");
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(
                        "token key " + field.getKey() + " is shorter than " + MIN_SECRET_LENGTH + " characters");
            }
            secrets.put(parseId(field.getKey()), secret);
        }
        return new KeyRing(current, secrets);
    }

    /** A new ring with one freshly generated key (id 1). */
    public static KeyRing generate() {
        return new KeyRing(1, Map.of(1, newSecret()));
    }

    /** This ring plus a new generated key that becomes the current one; old keys still open. */
    public KeyRing rotate() {
        int next = (currentId + 1) % 256;
        if (secrets.containsKey(next)) { // a wrapped id would silently orphan every mail sealed with it
            throw new IllegalStateException("key id " + next + " is still in the ring: retire it before rotating");
        }
        Map<Integer, String> more = new LinkedHashMap<>(secrets);
        more.put(next, newSecret());
        return new KeyRing(next, more);
    }

    /** The JSON form, holding the secrets: store it as a secret. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("current", Integer.toString(currentId));
        secrets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> root.put(Integer.toString(e.getKey()), e.getValue()));
        return root.toString();
    }

    /** The secret strings by key id (for deriving other keys, such as {@link AddressTags}'). */
    Map<Integer, String> secrets() {
        return secrets;
    }

    int currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> key(int id) {
        return Optional.ofNullable(keys.get(id));
    }

    private static int parseId(String text) {
        try {
            int id = Integer.parseInt(text.trim());
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("token key id must be 0-255, got " + id);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("token key id must be a number 0-255");
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SecretKey derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KDF_LABEL, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
