package dev.glint.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.model.Ids;
import dev.glint.token.AddressTags;
import dev.glint.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Read-receipt addresses: they round-trip, fit a local part, and cannot be forged or moved. */
class ReceiptAddressesTest {
    private static final KeyRing KEYS = KeyRing.generate();
    private static final TrackingAddresses DOMAIN = new TrackingAddresses("t.glint.example");
    private final ReceiptAddresses receipts = new ReceiptAddresses(DOMAIN, new AddressTags(KEYS));
    private final String emailId = Ids.emailFor("inbound|0000014fbe1c09cf");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10, 499, 99_999})
    void roundTripsEveryRecipientIndex(int recipient) {
        // GIVEN the receipt address of one copy
        String address = receipts.address(emailId, recipient);
        // WHEN it comes back THEN it names that copy
        assertEquals(Optional.of(new ReceiptAddresses.Copy(emailId, recipient)), receipts.parse(address));
        assertTrue(receipts.looksLikeOne(address));
    }

    @Test
    void fitsALocalPartInLowerCase() {
        // GIVEN the longest receipt address there is
        String address = receipts.address(emailId, 99_999);
        String local = address.substring(0, address.lastIndexOf('@'));
        // THEN its local part fits the 64 octets of RFC 5321, and no server's case folding can break it
        assertTrue(local.getBytes(StandardCharsets.US_ASCII).length <= 64, local);
        assertEquals(47, local.length());
        assertEquals(address.toLowerCase(Locale.ROOT), address);
        assertTrue(address.endsWith("@t.glint.example"));
        assertTrue(local.matches("[0-9a-z-]+"), local);
    }

    @Test
    void acceptsTheAddressAsServersWriteIt() {
        String address = receipts.address(emailId, 3);
        Optional<ReceiptAddresses.Copy> copy = Optional.of(new ReceiptAddresses.Copy(emailId, 3));
        assertEquals(copy, receipts.parse(address.toUpperCase(Locale.ROOT)));
        assertEquals(copy, receipts.parse("<" + address + ">"));
        assertEquals(copy, receipts.parse("  " + address + " "));
    }

    @Test
    void rejectsEveryOneCharacterChangeOfTheLocalPart() {
        // GIVEN a genuine receipt address
        String address = receipts.address(emailId, 7);
        int at = address.indexOf('@');
        // WHEN any one character of its email id, recipient or tag is changed
        for (int i = 4; i < at; i++) {
            if (address.charAt(i) == '-') {
                continue;
            }
            for (char c : "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray()) {
                if (c == address.charAt(i)) {
                    continue;
                }
                String forged = address.substring(0, i) + c + address.substring(i + 1);
                // THEN it names no copy
                assertEquals(Optional.empty(), receipts.parse(forged), forged);
            }
        }
    }

    @Test
    void rejectsATagMovedToAnotherCopy() {
        // GIVEN the tags of two copies
        String mine = receipts.address(emailId, 1);
        String other = receipts.address(Ids.emailFor("inbound|another"), 1);
        String tag = mine.substring(mine.lastIndexOf('-') + 1, mine.indexOf('@'));
        // WHEN one copy's tag is put on the other copy's address, or on another recipient
        String swapped = other.substring(0, other.lastIndexOf('-') + 1) + tag + other.substring(other.indexOf('@'));
        String otherRecipient = mine.replace("-1-", "-2-");
        // THEN neither names a copy
        assertEquals(Optional.empty(), receipts.parse(swapped));
        assertEquals(Optional.empty(), receipts.parse(otherRecipient));
        assertNotEquals(mine, otherRecipient);
    }

    @Test
    void rejectsLeadingZerosOnTheRecipient() {
        String address = receipts.address(emailId, 5);
        assertEquals(Optional.empty(), receipts.parse(address.replace("-5-", "-05-")));
    }

    @Test
    void rejectsAnotherDomain() {
        String address = receipts.address(emailId, 2);
        String local = address.substring(0, address.indexOf('@'));
        for (String domain : new String[] {"example.com", "x.t.glint.example", "glint.example", "t.glint.example.org"}) {
            assertEquals(Optional.empty(), receipts.parse(local + "@" + domain), domain);
            assertFalse(receipts.looksLikeOne(local + "@" + domain), domain);
        }
        assertEquals(Optional.empty(), receipts.parse(local));
    }

    @Test
    void stillVerifiesAddressesAfterTheKeysRotate() {
        // GIVEN an address handed out before a key rotation
        String old = receipts.address(emailId, 4);
        KeyRing rotated = KEYS.rotate();
        ReceiptAddresses afterRotation = new ReceiptAddresses(DOMAIN, new AddressTags(rotated));
        // WHEN the rotated ring reads it, and tags a new one
        // THEN the old address still names its copy, and new ones are tagged with the new key
        assertEquals(Optional.of(new ReceiptAddresses.Copy(emailId, 4)), afterRotation.parse(old));
        String fresh = afterRotation.address(emailId, 4);
        assertNotEquals(old, fresh);
        assertEquals(Optional.of(new ReceiptAddresses.Copy(emailId, 4)), afterRotation.parse(fresh));
        // AND the old ring does not know the new key
        assertEquals(Optional.empty(), receipts.parse(fresh));
    }

    @Test
    void rejectsAddressesOfAnotherKeyRing() {
        ReceiptAddresses other = new ReceiptAddresses(DOMAIN, new AddressTags(KeyRing.generate()));
        assertEquals(Optional.empty(), other.parse(receipts.address(emailId, 0)));
    }

    @Test
    void isDeterministicForOneKey() {
        ReceiptAddresses again = new ReceiptAddresses(DOMAIN, new AddressTags(KeyRing.fromJson(KEYS.toJson())));
        assertEquals(receipts.address(emailId, 6), again.address(emailId, 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "em_", "em_0123456789abcdefghi", "EM_0123456789ABCDEFGHJK", "em_0123456789abcdefghju",
            "mail_0123456789abcdefgh"})
    void refusesToAddressSomethingThatIsNoEmailId(String id) {
        assertThrows(IllegalArgumentException.class, () -> receipts.address(id, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 100_000, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesARecipientIndexNoAddressCouldCarryBack(int recipient) {
        assertThrows(IllegalArgumentException.class, () -> receipts.address(emailId, recipient));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@t.glint.example", "mdn@t.glint.example", "bob@example.com.t.glint.example",
            "mdn-0123456789abcdefghjk-1@t.glint.example",
            "mdn-0123456789abcdefghjk-1-0123456789abcdef-x@t.glint.example",
            "mdn-0123456789abcdefghjk-123456-0123456789abcdef@t.glint.example"})
    void parsesNothingThatIsNoReceiptAddress(String address) {
        assertEquals(Optional.empty(), receipts.parse(address));
    }

    @Test
    void looksLikeOneOnlyOnTheTrackingDomainItself() {
        assertTrue(receipts.looksLikeOne("mdn-anything@t.glint.example"));
        assertTrue(receipts.looksLikeOne("<MDN-anything@T.GLINT.EXAMPLE>"));
        assertFalse(receipts.looksLikeOne("mdn-anything@example.com.t.glint.example"));
        assertFalse(receipts.looksLikeOne("bob@t.glint.example"));
    }
}
