package dev.glint.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short keyed tags for values that must fit where a sealed token does not, such as the local
 * part of a read-receipt address (64 octets at most, and case-insensitive in practice): HMAC-SHA256
 * under a key derived from each token key, cut to 80 bits and written in lower-case base32. The
 * current key tags; every key in the ring verifies, so rotation keeps old addresses working.
 */
public final class AddressTags {
    /** Characters in a tag (80 bits). */
    public static final int LENGTH = 16;
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final byte[] LABEL = "glint-address-tag-v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] current;
    private final List<byte[]> all;

    public AddressTags(KeyRing keys) {
        Map<Integer, String> secrets = keys.secrets();
        this.current = derive(secrets.get(keys.currentId()));
        List<byte[]> derived = new ArrayList<>();
        derived.add(current);
        secrets.forEach((id, secret) -> {
            if (id != keys.currentId()) {
                derived.add(derive(secret));
            }
        });
        this.all = List.copyOf(derived);
    }

    /** The tag of {@code value} under the current key. */
    public String tag(String value) {
        return tag(current, value);
    }

    /** Whether {@code tag} is the tag of {@code value} under any key of the ring (constant time per key). */
    public boolean verify(String value, String tag) {
        byte[] given = tag.getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (byte[] key : all) {
            ok |= MessageDigest.isEqual(tag(key, value).getBytes(StandardCharsets.US_ASCII), given);
        }
        return ok;
    }

    private static String tag(byte[] key, String value) {
        byte[] mac = hmac(key, value.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(LENGTH);
        long bits = 0;
        int have = 0;
        int i = 0;
        while (out.length() < LENGTH) {
            if (have < 5) {
                bits = (bits << 8) | (mac[i++] & 0xff);
                have += 8;
            }
            out.append(ALPHABET[(int) (bits >>> (have - 5)) & 31]);
            have -= 5;
        }
        return out.toString();
    }

    private static byte[] derive(String secret) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), LABEL);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
