package dev.glint.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens tracking tokens: AES-256-GCM over a compact binary payload, URL-safe base64.
 *
 * <p>Layout: {@code version(1) keyId(1) nonce(12) ciphertext tag(16)}; the two header bytes are
 * authenticated as associated data, so a token cannot be moved to another key id or format.
 * Payload: {@code kind(1) expiresAt(4, epoch seconds) recipient(varint) link+1(varint)
 * accountLen(1) account emailLen(1) email destination(rest, UTF-8)}.
 */
public final class TokenSealer {
    private static final byte VERSION = 1;
    private static final int HEADER = 2;
    private static final int NONCE = 12;
    private static final int TAG = 16;
    private static final int MIN_PAYLOAD = 1 + 4 + 1 + 1 + 1 + 1;
    /** Longer strings are not ours; refuse them before any decoding work. */
    public static final int MAX_TOKEN_CHARS = 4096;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(TokenSealer::newCipher);
    // Created on first use, never in static init, so SnapStart clones do not share its state.
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final KeyRing keys;

    public TokenSealer(KeyRing keys) {
        this.keys = keys;
    }

    /** Seals the claims with the current key. */
    public String seal(TokenClaims claims) {
        byte[] payload = encode(claims);
        byte[] token = new byte[HEADER + NONCE + payload.length + TAG];
        token[0] = VERSION;
        token[1] = (byte) keys.currentId();
        byte[] nonce = new byte[NONCE];
        RANDOM.get().nextBytes(nonce);
        System.arraycopy(nonce, 0, token, HEADER, NONCE);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(token, 0, HEADER);
            cipher.doFinal(payload, 0, payload.length, token, HEADER + NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
        return ENCODER.encodeToString(token);
    }

    /** Opens a token: valid, expired (authentic, past its lifetime) or invalid with a reason. */
    public TokenResult open(String token, Instant now) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return new TokenResult.Invalid("length");
        }
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return new TokenResult.Invalid("encoding");
        }
        if (raw.length < HEADER + NONCE + MIN_PAYLOAD + TAG) {
            return new TokenResult.Invalid("truncated");
        }
        if (raw[0] != VERSION) {
            return new TokenResult.Invalid("version");
        }
        Optional<SecretKey> key = keys.key(raw[1] & 0xff);
        if (key.isEmpty()) {
            return new TokenResult.Invalid("unknown key");
        }
        byte[] payload;
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG * 8, raw, HEADER, NONCE));
            cipher.updateAAD(raw, 0, HEADER);
            payload = cipher.doFinal(raw, HEADER + NONCE, raw.length - HEADER - NONCE);
        } catch (AEADBadTagException e) {
            return new TokenResult.Invalid("authentication");
        } catch (GeneralSecurityException e) {
            return new TokenResult.Invalid("crypto");
        }
        Optional<TokenClaims> claims = decode(payload);
        if (claims.isEmpty()) {
            return new TokenResult.Invalid("payload");
        }
        return claims.get().expiresAt().isAfter(now)
                ? new TokenResult.Valid(claims.get())
                : new TokenResult.Expired(claims.get());
    }

    private static byte[] encode(TokenClaims claims) {
        byte[] account = ascii(claims.accountId(), "account id");
        byte[] email = ascii(claims.emailId(), "email id");
        byte[] destination = claims.destination() == null
                ? new byte[0]
                : claims.destination().getBytes(StandardCharsets.UTF_8);
        long expires = claims.expiresAt().getEpochSecond();
        if (expires < 0 || expires > 0xffff_ffffL) {
            throw new IllegalArgumentException("expiry out of range: " + claims.expiresAt());
        }
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 5 + 5 + 1 + account.length + 1 + email.length + destination.length);
        out.put((byte) claims.kind().code());
        out.putInt((int) expires);
        putVarint(out, claims.recipient());
        putVarint(out, claims.link() + 1);
        out.put((byte) account.length).put(account);
        out.put((byte) email.length).put(email);
        out.put(destination);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private static Optional<TokenClaims> decode(byte[] payload) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            TokenKind kind = TokenKind.fromCode(in.get());
            Instant expires = Instant.ofEpochSecond(in.getInt() & 0xffff_ffffL);
            int recipient = getVarint(in);
            int link = getVarint(in) - 1;
            String account = string(in, in.get() & 0xff);
            String email = string(in, in.get() & 0xff);
            String destination = in.hasRemaining() ? string(in, in.remaining()) : null;
            return Optional.of(new TokenClaims(kind, account, email, recipient, link, destination, expires));
        } catch (RuntimeException e) { // a payload we sealed always decodes; anything else is not ours
            return Optional.empty();
        }
    }

    private static byte[] ascii(String value, String what) {
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1-64 printable ASCII characters");
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static String string(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void putVarint(ByteBuffer out, int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static int getVarint(ByteBuffer in) {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = in.get();
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (result < 0) {
                    throw new IllegalArgumentException("negative varint");
                }
                return result;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }
}
