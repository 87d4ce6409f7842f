package dev.glint.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.model.Ids;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenSealer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewerSessionsTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private final TokenSealer sealer = new TokenSealer(KeyRing.generate());
    private final ViewerSessions sessions = new ViewerSessions(sealer);
    private final String attachment = Ids.attachment();
    private final TokenClaims link = TokenClaims.attachment("acct_1", "em_1", 2, 0, attachment, NOW.plus(Duration.ofDays(30)));

    @Test
    void aSessionIsAcceptedOnlyForTheLinkItWasIssuedForAndWhileItLives() {
        // GIVEN a session issued for recipient 2's page view
        String session = sessions.issue(link, NOW);

        // THEN it verifies for that link, to a short digest that is not the session itself
        String id = sessions.verify(session, link, NOW.plusSeconds(60)).orElseThrow();
        assertEquals(22, id.length());
        assertNotEquals(session, id);
        // AND not for another recipient, attachment or account, nor after its lifetime, nor forged
        assertTrue(sessions.verify(session, TokenClaims.attachment("acct_1", "em_1", 3, 0, attachment,
                link.expiresAt()), NOW).isEmpty());
        assertTrue(sessions.verify(session, TokenClaims.attachment("acct_1", "em_1", 2, 0, Ids.attachment(),
                link.expiresAt()), NOW).isEmpty());
        assertTrue(sessions.verify(session, TokenClaims.attachment("acct_2", "em_1", 2, 0, attachment,
                link.expiresAt()), NOW).isEmpty());
        assertTrue(sessions.verify(session, link, NOW.plus(ViewerSessions.LIFETIME).plusSeconds(1)).isEmpty());
        assertTrue(sessions.verify(new TokenSealer(KeyRing.generate()).seal(link), link, NOW).isEmpty());
        assertTrue(sessions.verify("garbage", link, NOW).isEmpty());
    }

    @Test
    void everyPageViewGetsItsOwnSession() {
        assertNotEquals(sessions.issue(link, NOW), sessions.issue(link, NOW));
    }
}
