package dev.glint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Email ids derived from a seed (the relay's SES message id), so a retried delivery finds its email again. */
class EmailIdsTest {

    @Test
    void theSameSeedGivesTheSameValidId() {
        String id = Ids.emailFor("inbound|o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1");
        assertEquals(id, Ids.emailFor("inbound|o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1"));
        assertTrue(Ids.isEmailId(id), id);
        assertEquals(23, id.length());
    }

    @Test
    void isAPinnedFunctionOfTheSeed() {
        // The id is stored: changing the derivation would orphan every relayed email on retry.
        // SHA-256("") starts e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24 27 ae ...; 5 bits at a time in lower-case Crockford base32.
        assertEquals("em_werc8gmrzge196qvyk49", Ids.emailFor(""));
    }

    @Test
    void differentSeedsGiveDifferentIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.emailFor("inbound|message-" + i);
            assertTrue(Ids.isEmailId(id), id);
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
        assertNotEquals(Ids.emailFor("a"), Ids.emailFor("A"));
        assertNotEquals(Ids.emailFor("inbound|x"), Ids.emailFor("inbound|x "));
    }

    @Test
    void usesEveryCharacterOfTheAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Ids.emailFor("seed " + i).substring(3).chars().forEach(c -> seen.add((char) c));
        }
        assertEquals(32, seen.size());
        assertFalse(Ids.isEmailId("em_" + "u".repeat(20)));
    }
}
