package dev.glint.model;

import java.security.SecureRandom;

/** Random identifiers: 100 bits in 20 lower-case Crockford base32 characters, with a prefix. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private Ids() {}

    /** A new email id, e.g. {@code em_3k9x…}. */
    public static String email() {
        return "em_" + random(20);
    }

    /**
     * The email id that {@code seed} always maps to (SHA-256, first 100 bits): a retried delivery
     * of the same received message finds the email its first attempt stored.
     */
    public static String emailFor(String seed) {
        return "em_" + derived(seed);
    }

    /** The attachment id that {@code seed} always maps to, as {@link #emailFor(String)} does for emails. */
    public static String attachmentFor(String seed) {
        return "att_" + derived(seed);
    }

    private static String derived(String seed) {
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            int bit = i * 5;
            int value = ((hash[bit / 8] & 0xff) << 8 | (hash[bit / 8 + 1] & 0xff)) >>> (11 - bit % 8);
            out[i] = ALPHABET[value & 31];
        }
        return new String(out);
    }

    /** A new attachment id, e.g. {@code att_3k9x…}. */
    public static String attachment() {
        return "att_" + random(20);
    }

    /** Whether {@code id} could be an attachment id; anything else is a 404 without a lookup. */
    public static boolean isAttachmentId(String id) {
        return id.length() == 24 && id.startsWith("att_") && id.substring(4).chars().allMatch(c -> indexOf((char) c) >= 0);
    }

    /** A new account id. */
    public static String account() {
        return "acct_" + random(12);
    }

    /** A string of {@code length} random base32 characters. */
    public static String random(int length) {
        SecureRandom random = RANDOM.get();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** Whether {@code id} could be an email id; anything else is a 404 without a lookup. */
    public static boolean isEmailId(String id) {
        return id.length() == 23 && id.startsWith("em_") && id.substring(3).chars().allMatch(c -> indexOf((char) c) >= 0);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
