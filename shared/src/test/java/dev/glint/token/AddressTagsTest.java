package dev.glint.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Short keyed tags: fixed length, lower-case base32, bound to their value and key ring. */
class AddressTagsTest {
    private static final String SECRET_A = "a-secret-of-at-least-thirty-two-characters-A";
    private static final String SECRET_B = "a-secret-of-at-least-thirty-two-characters-B";

    @Test
    void tagsAreSixteenLowerCaseBase32Characters() {
        AddressTags tags = new AddressTags(KeyRing.generate());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String tag = tags.tag("mdn-value-" + i);
            assertEquals(AddressTags.LENGTH, tag.length());
            assertTrue(tag.matches("[0-9a-hjkmnp-tv-z]{16}"), tag);
            assertEquals(tag.toLowerCase(Locale.ROOT), tag);
            seen.add(tag);
        }
        assertEquals(500, seen.size(), "80-bit tags of different values do not collide");
    }

    @Test
    void aTagDependsOnlyOnTheKeyAndTheValue() {
        // GIVEN the same secret in two rings with different key ids
        AddressTags one = new AddressTags(KeyRing.fromJson("{\"current\":\"1\",\"1\":\"" + SECRET_A + "\"}"));
        AddressTags two = new AddressTags(KeyRing.fromJson("{\"current\":\"7\",\"7\":\"" + SECRET_A + "\"}"));
        AddressTags other = new AddressTags(KeyRing.fromJson("{\"current\":\"1\",\"1\":\"" + SECRET_B + "\"}"));
        // THEN the tags agree for the same secret and differ for another secret
        assertEquals(one.tag("v"), two.tag("v"));
        assertNotEquals(one.tag("v"), other.tag("v"));
        assertNotEquals(one.tag("v"), one.tag("w"));
        assertTrue(two.verify("v", one.tag("v")));
        assertFalse(other.verify("v", one.tag("v")));
    }

    @Test
    void everyKeyOfTheRingVerifiesAndOnlyTheCurrentOneTags() {
        // GIVEN a ring whose current key is B and which still holds A
        AddressTags a = new AddressTags(KeyRing.fromJson("{\"current\":\"1\",\"1\":\"" + SECRET_A + "\"}"));
        AddressTags b = new AddressTags(KeyRing.fromJson("{\"current\":\"2\",\"2\":\"" + SECRET_B + "\"}"));
        AddressTags both = new AddressTags(KeyRing.fromJson(
                "{\"current\":\"2\",\"1\":\"" + SECRET_A + "\",\"2\":\"" + SECRET_B + "\"}"));
        // THEN it tags with B and verifies A's and B's tags
        assertEquals(b.tag("v"), both.tag("v"));
        assertTrue(both.verify("v", a.tag("v")));
        assertTrue(both.verify("v", b.tag("v")));
        assertFalse(a.verify("v", both.tag("v")));
    }

    @Test
    void rejectsTagsOfAnotherLengthOrCase() {
        AddressTags tags = new AddressTags(KeyRing.generate());
        String tag = tags.tag("value");
        assertTrue(tags.verify("value", tag));
        assertFalse(tags.verify("value", tag.substring(1)));
        assertFalse(tags.verify("value", tag + "0"));
        assertFalse(tags.verify("value", ""));
        assertFalse(tags.verify("value", tag.toUpperCase(Locale.ROOT)));
        assertFalse(tags.verify("value ", tag));
    }
}
