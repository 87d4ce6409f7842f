package dev.glint.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mailbox addresses and RFC 2047 words out of real-world header values. */
class MailHeadersTest {

    @Test
    void readsAPlainAddressList() {
        assertEquals(List.of("a@example.com", "b@example.org"), MailHeaders.addresses("a@example.com, b@example.org"));
    }

    @Test
    void readsAddressesInTheOrderWritten() {
        // GIVEN bare and angle addresses mixed
        String value = "first@example.com, Second <second@example.com>, third@example.com";
        // WHEN read THEN the order is the written one
        assertEquals(List.of("first@example.com", "second@example.com", "third@example.com"),
                MailHeaders.addresses(value));
    }

    @Test
    void lowerCasesTheAddresses() {
        assertEquals(List.of("bob@example.com"), MailHeaders.addresses("Bob <Bob@Example.COM>"));
    }

    @Test
    void readsQuotedDisplayNamesWithAtSignsAndCommas() {
        // GIVEN display names that look like addresses or contain commas
        String value = "\"Smith, John\" <john@example.com>, \"bob@example.com\" <bob@example.com.t.glint.example>,"
                + " \"a, b@c.d\" <real@example.net>";
        // WHEN read THEN only the real mailboxes come out
        assertEquals(List.of("john@example.com", "bob@example.com.t.glint.example", "real@example.net"),
                MailHeaders.addresses(value));
    }

    @Test
    void ignoresAnAngleAddressInsideAQuotedDisplayName() {
        // GIVEN a From whose display name pretends to be another (registered) sender
        String from = "\"Boss <boss@registered.example>\" <attacker@evil.example>";
        // WHEN its first address is read
        // THEN it is the real mailbox, the one DMARC authenticated, not the one in the name
        assertEquals(Optional.of("attacker@evil.example"), MailHeaders.firstAddress(from));
        assertEquals(List.of("attacker@evil.example"), MailHeaders.addresses(from));
    }

    @Test
    void ignoresAnAddressInsideAComment() {
        // GIVEN comments, one holding an angle address, one nested
        String value = "bob@example.com (Bob <boss@registered.example>), (nested (comment) here) carol@example.org";
        // WHEN read THEN the comments are no addresses
        assertEquals(List.of("bob@example.com", "carol@example.org"), MailHeaders.addresses(value));
        assertEquals(Optional.of("bob@example.com"), MailHeaders.firstAddress("(Boss <boss@x.example>) bob@example.com"));
    }

    @Test
    void readsGroups() {
        // GIVEN two groups and an empty one
        String value = "Friends: a@example.com, B <b@example.com>;, undisclosed-recipients:;, Team:c@example.org;";
        // WHEN read THEN each member, in order, and nothing for the group names
        assertEquals(List.of("a@example.com", "b@example.com", "c@example.org"), MailHeaders.addresses(value));
    }

    @Test
    void readsQuotedLocalParts() {
        assertEquals(List.of("\"bob smith\"@example.com", "\"x,y\"@example.org"),
                MailHeaders.addresses("<\"Bob Smith\"@example.com>, \"x,y\"@example.org"));
    }

    @Test
    void readsAnAngleAddressWithARouteAndBlanks() {
        assertEquals(List.of("bob@example.com"), MailHeaders.addresses("Bob < @relay.example:bob@example.com >"));
    }

    @Test
    void readsAnAddressAfterAnEncodedDisplayName() {
        // GIVEN an encoded display name that holds an @ when decoded (and a non-compliant raw @ in one)
        String value = "=?UTF-8?Q?bob=40example.com?= <bob@example.com>, =?UTF-8?Q?a@b?= <c@example.org>";
        // WHEN read THEN the encoded words are no addresses
        assertEquals(List.of("bob@example.com", "c@example.org"), MailHeaders.addresses(value));
    }

    @Test
    void findsNothingInAnEmptyOrAddressFreeValue() {
        assertEquals(List.of(), MailHeaders.addresses(""));
        assertEquals(List.of(), MailHeaders.addresses("undisclosed-recipients:;"));
        assertEquals(List.of(), MailHeaders.addresses("<>"));
        assertEquals(Optional.empty(), MailHeaders.firstAddress("Just A Name"));
    }

    @Test
    void firstAddressIsTheFirstMailboxOfAFrom() {
        assertEquals(Optional.of("jane@example.com"),
                MailHeaders.firstAddress("Jane Doe <jane@example.com>, John Doe <john@example.com>"));
        assertEquals(Optional.of("jane@example.com"), MailHeaders.firstAddress("jane@example.com (Jane Doe)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "=?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= | Jörg Müller",
        "=?utf-8?q?J=C3=B6rg_M=C3=BCller?= | Jörg Müller",
        "=?ISO-8859-1?Q?J=F6rg?= | Jörg",
        "=?iso-8859-1?b?SvZyZw==?= | Jörg",
        "=?UTF-8*de?Q?Gr=C3=BC=C3=9Fe?= | Grüße",
        "=?Shift_JIS?B?k/qWe4zq?= | 日本語",
        "'Re: =?UTF-8?Q?caf=C3=A9?= au lait' | Re: café au lait",
        "=?UTF-8?Q?a?= =?UTF-8?Q?b?= | ab",
        "'=?UTF-8?Q?a?=  \t =?UTF-8?Q?b?=  =?UTF-8?Q?c?=' | abc",
        "'=?UTF-8?Q?a?= plain =?UTF-8?Q?b?=' | a plain b",
        "plain text, no words | plain text, no words",
        "=?x-unknown-charset?Q?abc?= | =?x-unknown-charset?Q?abc?=",
        "'=?x-unknown?Q?a?= =?x-unknown?Q?b?=' | '=?x-unknown?Q?a?= =?x-unknown?Q?b?='",
        "=?UTF-8?Q?100=+1?= | 100=+1",
        "=?UTF-8?Q?a=2?= | a=2",
    })
    void decodesEncodedWords(String value, String decoded) {
        assertEquals(decoded, MailHeaders.decodeWords(value));
    }

    @Test
    void joinsTheBytesOfAdjacentWordsSplitInsideACharacter() {
        // GIVEN "Grüße" in UTF-8 whose ü is cut between two words (real mailers do this)
        String value = "=?UTF-8?Q?Gr=C3?= =?UTF-8?Q?=BC=C3=9Fe?=";
        // WHEN decoded THEN the character is whole again
        assertEquals("Grüße", MailHeaders.decodeWords(value));
        // AND in base64 too
        assertEquals("Grüße", MailHeaders.decodeWords("=?UTF-8?B?R3LD?= =?UTF-8?B?vMOfZQ==?="));
    }

    @Test
    void decodesShiftJisAndIso2022Jp() {
        String sjis = "=?Shift_JIS?B?" + java.util.Base64.getEncoder().encodeToString("件名".getBytes(Charset.forName("Shift_JIS")))
                + "?=";
        String jis = "=?ISO-2022-JP?B?" + java.util.Base64.getEncoder().encodeToString("件名".getBytes(Charset.forName("ISO-2022-JP")))
                + "?=";
        assertEquals("件名", MailHeaders.decodeWords(sjis));
        assertEquals("件名", MailHeaders.decodeWords(jis));
    }

    @Test
    void neverDecodesALineBreakIntoAHeaderValue() {
        // GIVEN a subject whose encoded word hides a line break and a second header
        String value = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                "hi\r\nBcc: victim@example.com".getBytes(StandardCharsets.UTF_8)) + "?=";
        // WHEN decoded THEN the text stays on one line
        assertEquals("hi  Bcc: victim@example.com", MailHeaders.decodeWords(value));
    }

    @Test
    void keepsABrokenBase64WordAsWritten() {
        assertEquals("=?UTF-8?B?@@@?=", MailHeaders.decodeWords("=?UTF-8?B?@@@?="));
    }

    @Test
    void readsHeaderBytesAsUtf8WhenTheyAreUtf8() {
        // GIVEN raw header bytes (as ISO-8859-1 chars) in UTF-8, in ISO-8859-1, and UTF-8 holding U+FFFD itself
        String utf8 = latin1("Grüße aus Köln".getBytes(StandardCharsets.UTF_8));
        String iso = latin1("Grüße aus Köln".getBytes(StandardCharsets.ISO_8859_1));
        String replacement = latin1("a\uFFFDb".getBytes(StandardCharsets.UTF_8));
        // WHEN read as text THEN UTF-8 is decoded, anything else is left as it is
        assertEquals("Grüße aus Köln", MailHeaders.text(utf8));
        assertEquals("Grüße aus Köln", MailHeaders.text(iso));
        assertEquals("a\uFFFDb", MailHeaders.text(replacement));
        assertEquals("plain ascii", MailHeaders.text("plain ascii"));
    }

    @Test
    void leavesTextThatIsNotRawBytesAlone() {
        // GIVEN text that already holds characters beyond one byte
        String decoded = "日本語 Grüße";
        // WHEN read as text THEN nothing is lost
        assertEquals(decoded, MailHeaders.text(decoded));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
