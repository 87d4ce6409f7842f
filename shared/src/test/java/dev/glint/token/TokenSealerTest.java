package dev.glint.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenSealerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(365));

    private final KeyRing keys = KeyRing.generate();
    private final TokenSealer sealer = new TokenSealer(keys);

    @Test
    void roundTripsOpenAndClickClaims() {
        // GIVEN claims for a pixel and for a link with a non-ASCII destination
        TokenClaims open = TokenClaims.open("acct_123", "em_abcdefghijklmnop", 7, LATER);
        TokenClaims click = TokenClaims.click(
                "acct_123", "em_abcdefghijklmnop", 300, 41, "https://example.com/ä?q=1&r=2#frag", LATER);

        // WHEN sealed and opened
        TokenResult openResult = sealer.open(sealer.seal(open), NOW);
        TokenResult clickResult = sealer.open(sealer.seal(click), NOW);

        // THEN the same claims come back
        assertEquals(new TokenResult.Valid(open), openResult);
        assertEquals(new TokenResult.Valid(click), clickResult);
    }

    @Test
    void tokensAreUrlSafeAndShort() {
        String token = sealer.seal(TokenClaims.open("acct_123", "em_abcdefghijklmnop", 7, LATER));
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertTrue(token.length() <= 100, "pixel token has " + token.length() + " characters");
    }

    @Test
    void sealingTwiceGivesDifferentTokens() {
        TokenClaims claims = TokenClaims.open("acct_123", "em_1", 0, LATER);
        assertTrue(!sealer.seal(claims).equals(sealer.seal(claims)), "nonce must differ per token");
    }

    @Test
    void rejectsEveryOneBitFlipOfAToken() {
        // GIVEN a valid click token
        byte[] raw = Base64.getUrlDecoder().decode(
                sealer.seal(TokenClaims.click("acct_1", "em_1", 2, 3, "https://example.com/", LATER)));

        // WHEN each bit is flipped in turn THEN none opens
        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] flipped = raw.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            TokenResult result = sealer.open(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped), NOW);
            assertInstanceOf(TokenResult.Invalid.class, result, "bit " + bit + " flipped still opened");
        }
    }

    @Test
    void rejectsEveryTruncation() {
        String token = sealer.seal(TokenClaims.click("acct_1", "em_1", 2, 3, "https://example.com/", LATER));
        for (int length = 0; length < token.length(); length++) {
            assertInstanceOf(TokenResult.Invalid.class, sealer.open(token.substring(0, length), NOW),
                    "prefix of length " + length + " opened");
        }
    }

    @Test
    void rejectsGarbageAndOversizedInput() {
        assertInstanceOf(TokenResult.Invalid.class, sealer.open("not a token!", NOW));
        assertInstanceOf(TokenResult.Invalid.class, sealer.open("A".repeat(TokenSealer.MAX_TOKEN_CHARS + 1), NOW));
        assertInstanceOf(TokenResult.Invalid.class, sealer.open("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NOW));
    }

    @Test
    void rejectsATokenSealedWithAnotherKey() {
        String foreign = new TokenSealer(KeyRing.generate()).seal(TokenClaims.open("acct_1", "em_1", 0, LATER));
        assertInstanceOf(TokenResult.Invalid.class, sealer.open(foreign, NOW));
    }

    @Test
    void reportsExpiryButKeepsTheClaims() {
        TokenClaims claims = TokenClaims.click("acct_1", "em_1", 0, 0, "https://example.com/", NOW.minusSeconds(1));
        assertEquals(new TokenResult.Expired(claims), sealer.open(sealer.seal(claims), NOW));
    }

    @Test
    void rotatedRingOpensOldTokensAndSealsWithTheNewKey() {
        // GIVEN a token sealed before rotation
        TokenClaims claims = TokenClaims.open("acct_1", "em_1", 0, LATER);
        String old = sealer.seal(claims);

        // WHEN the ring rotates (and survives a JSON round trip, as it does in Secrets Manager)
        KeyRing rotated = KeyRing.fromJson(keys.rotate().toJson());
        TokenSealer next = new TokenSealer(rotated);
        String fresh = next.seal(claims);

        // THEN the old token still opens, the new one uses the new key id, and the old ring refuses it
        assertEquals(new TokenResult.Valid(claims), next.open(old, NOW));
        assertEquals(new TokenResult.Valid(claims), next.open(fresh, NOW));
        assertEquals(2, Base64.getUrlDecoder().decode(fresh)[1]);
        assertInstanceOf(TokenResult.Invalid.class, sealer.open(fresh, NOW));
    }

    @Test
    void rotationNeverOverwritesAKeyStillInTheRing() {
        // GIVEN a ring whose next id (after 255 wraps to 0) is taken
        KeyRing ring = KeyRing.fromJson("{\"current\":\"255\",\"255\":\"" + "a".repeat(40)
                + "\",\"0\":\"" + "b".repeat(40) + "\"}");
        // WHEN rotated THEN it refuses instead of orphaning mail sealed with key 0
        assertThrows(IllegalStateException.class, ring::rotate);
    }

    @Test
    void refusesIdsThatAreNotPrintableAscii() {
        assertThrows(IllegalArgumentException.class,
                () -> sealer.seal(TokenClaims.open("acct_é", "em_1", 0, LATER)));
    }

    @Test
    void keyRingJsonErrorsNameTheProblemWithoutTheSecret() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.fromJson("{\"current\":\"1\",\"1\":\"tooshort-secret-value\"}"));
        assertTrue(shortKey.getMessage().contains("shorter than 32"));
        assertTrue(!shortKey.getMessage().contains("tooshort-secret-value"));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.fromJson("{\"1\":\"" + "x".repeat(40) + "\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> KeyRing.fromJson("{\"current\":\"2\",\"1\":\"" + "x".repeat(40) + "\"}"));
        assertThrows(IllegalArgumentException.class, () -> KeyRing.fromJson("not json"));
    }
}
