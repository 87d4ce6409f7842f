package dev.glint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Address syntax: RFC 5322 addr-spec with IDN domains, and display names put in the form SES takes. */
class MailboxTest {

    @Test
    void acceptsCommonAndUnusualValidAddresses() {
        for (String address : List.of("bob@example.com", "first.last+tag@sub.example.co.uk",
                "o'brien@example.ie", "x!#$%&'*+-/=?^_`{|}~@example.com", "\"john doe\"@example.com",
                "a@b.cd", "user@xn--bcher-kva.example")) {
            // GIVEN a valid address
            // WHEN it is parsed as a recipient
            Mailbox mailbox = Mailbox.parse(address, false);
            // THEN it comes back unchanged
            assertEquals(address, mailbox.address());
            assertNull(mailbox.displayName());
        }
    }

    @Test
    void convertsInternationalDomainsToPunycode() {
        // GIVEN addresses on IDN domains, one with an ideographic full stop
        // WHEN they are parsed
        // THEN the domain is in its ASCII form
        assertEquals("bob@xn--bcher-kva.example", Mailbox.parse("bob@bücher.example", false).address());
        assertEquals("x@xn--r8jz45g.xn--zckzah", Mailbox.parse("x@例え。テスト", false).address());
    }

    @Test
    void rejectsMalformedAddressesWithAReason() {
        for (String address : List.of("", " ", "plain", "@example.com", "bob@", "bob@@example.com",
                "bob@example", "bob.@example.com", "bo..b@example.com", "bob@example.com.", "bob@.example.com",
                "bob@exa_mple.com", "bob@-example.com", "bob@example-.com", "bob@[127.0.0.1]", "bob@127.0.0.1",
                "bøb@example.com", "bob smith@example.com", "bob@exa mple.com", "\"unterminated@example.com",
                "a".repeat(65) + "@example.com", "bob@" + "a".repeat(64) + ".com",
                "bob@" + ("a".repeat(60) + ".").repeat(5) + "com", "bob@example.com\u0000", "bob@ex\u0007ample.com")) {
            // GIVEN an address that is not valid
            // WHEN it is parsed
            // THEN it is refused with a message for the caller
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Mailbox.parse(address, false), address);
            assertEquals(false, e.getMessage().isBlank());
        }
    }

    @Test
    void readsDisplayNamesOnlyWhereAllowed() {
        // GIVEN "Name <address>" forms
        // WHEN they are parsed as a sender
        // THEN name and address are split, and the header form quotes what needs quoting
        Mailbox plain = Mailbox.parse("Alice Smith <alice@example.com>", true);
        assertEquals("Alice Smith", plain.displayName());
        assertEquals("Alice Smith <alice@example.com>", plain.header());
        assertEquals("\"Smith, Alice\" <alice@example.com>", Mailbox.parse("Smith, Alice <alice@example.com>", true).header());
        assertEquals("\"Alice \\\"Al\\\" S.\" <alice@example.com>",
                Mailbox.parse("\"Alice \\\"Al\\\" S.\" <alice@example.com>", true).header());
        assertEquals("alice@example.com", Mailbox.parse("<alice@example.com>", true).header());
        // AND as a recipient they are refused
        assertThrows(IllegalArgumentException.class, () -> Mailbox.parse("Alice <alice@example.com>", false));
    }

    @Test
    void encodesNonAsciiNamesAsRfc2047WordsOfAtMost75Characters() {
        // GIVEN a long non-ASCII display name
        String name = "Ünïcødé ".repeat(12).strip();
        // WHEN it is put in header form
        String header = Mailbox.parse(name + " <u@example.com>", true).header();
        // THEN it is made of encoded words no longer than RFC 2047 allows, which decode to the name
        String words = header.substring(0, header.indexOf(" <"));
        StringBuilder decoded = new StringBuilder();
        for (String word : words.split(" ")) {
            assertEquals(true, word.length() <= 75, word);
            assertEquals(true, word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word);
            decoded.append(new String(Base64.getDecoder().decode(word.substring(10, word.length() - 2)), StandardCharsets.UTF_8));
        }
        assertEquals(name, decoded.toString());
    }

    @Test
    void rejectsLineBreaksAndControlCharactersInNames() {
        for (String from : List.of("Alice\r\nBcc: x@example.com <alice@example.com>", "Al\u0000ice <alice@example.com>",
                "Alice <alice@example.com>\n", "Al<ice <alice@example.com>", "\"Al\"ice\" <alice@example.com>")) {
            // GIVEN a sender with a smuggled header, a control character or an unbalanced quote
            // WHEN it is parsed
            // THEN it is refused
            assertThrows(IllegalArgumentException.class, () -> Mailbox.parse(from, true), from);
        }
    }

    @Test
    void comparesRecipientsWithoutRegardToCase() {
        // GIVEN one address in two cases and an IDN domain in Unicode and ASCII form
        // WHEN their keys are compared
        // THEN they are the same recipient
        assertEquals(Mailbox.parse("Bob@Example.com", false).key(), Mailbox.parse("bob@example.COM", false).key());
        assertEquals(Mailbox.parse("bob@BÜCHER.example", false).key(), Mailbox.parse("bob@xn--bcher-kva.example", false).key());
    }
}
