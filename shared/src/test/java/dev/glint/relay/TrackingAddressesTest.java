package dev.glint.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tracking addresses: from the address SES received to the real one, and suffixes out of header fields. */
class TrackingAddressesTest {
    private final TrackingAddresses addresses = new TrackingAddresses("t.glint.example");

    @Test
    void normalisesTheConfiguredDomain() {
        // GIVEN a domain written with blanks, upper case and a leading dot
        // WHEN it is configured
        TrackingAddresses t = new TrackingAddresses("  .T.Glint.Example ");
        // THEN it is kept in its plain form, and works as the lower-case one does
        assertEquals("t.glint.example", t.domain());
        assertEquals(Optional.of("bob@example.com"), t.realAddress("bob@example.com.t.glint.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "localhost", "t.glint.example.", ".", "glint"})
    void refusesADomainThatIsNoDomainName(String domain) {
        assertThrows(IllegalArgumentException.class, () -> new TrackingAddresses(domain));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "bob@example.com.t.glint.example | bob@example.com",
        "bob@example.com.T.GLINT.EXAMPLE | bob@example.com",
        "Bob@Example.COM.t.glint.example | Bob@example.com",
        "<bob@example.com.t.glint.example> | bob@example.com",
        "'  < bob@example.com.t.glint.example >  ' | bob@example.com",
        "first.last+tag@mail.example.co.uk.t.glint.example | first.last+tag@mail.example.co.uk",
        "\"bob smith\"@example.com.t.glint.example | \"bob smith\"@example.com",
        "\"a@b\"@example.com.t.glint.example | \"a@b\"@example.com",
        "jörg@bücher.example.t.glint.example | jörg@xn--bcher-kva.example",
        "hans@BÜCHER.example.t.glint.example | hans@xn--bcher-kva.example",
        "taro@例え.jp.t.glint.example | taro@xn--r8jz45g.jp",
        "x@xn--bcher-kva.example.t.glint.example | x@xn--bcher-kva.example",
        "x@bu\u0308cher.example.t.glint.example | x@xn--bcher-kva.example",
        "taro@例え。jp.t.glint.example | taro@xn--r8jz45g.jp",
    })
    void findsTheRealAddressBehindATrackingAddress(String tracking, String real) {
        assertEquals(Optional.of(real), addresses.realAddress(tracking));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "bob@example.com",                                      // not a tracking address at all
        "bob@example.com.t.glint.example.org",                  // the suffix text inside another domain
        "bob@example.comt.glint.example",                       // no dot before the suffix
        "bob@t.glint.example",                                  // the tracking domain itself (receipts come there)
        "bob@.t.glint.example",                                 // nothing left
        "x@a.com.t.glint.example.t.glint.example",              // a loop through our own domain
        "x@t.glint.example.t.glint.example",                    // our own domain again
        "x@localhost.t.glint.example",                          // a bare host name
        "@example.com.t.glint.example",                         // no local part
        "example.com.t.glint.example",                          // no @ at all
        "x@exa_mple.com.t.glint.example",                       // not a host name
        "Bob <bob@example.com.t.glint.example>",                // a display name is no local part
        "bob smith@example.com.t.glint.example",                // nor are blanks outside quotes
        "\"bob@example.com.t.glint.example",                    // nor an unclosed quote
        "x@-example.com.t.glint.example",                       // a label starting with a hyphen
        "x@example..com.t.glint.example",                       // an empty label
        "x@[192.0.2.1].t.glint.example",                        // an address literal
        "x@faß.de.t.glint.example",                             // IDNA2003 would turn it into fass.de, another domain
        "x@ευχαριστώς.gr.t.glint.example",                      // final sigma, likewise
        "",
    })
    void hasNoRealAddressForAnythingElse(String address) {
        assertEquals(Optional.empty(), addresses.realAddress(address));
    }

    @Test
    void refusesARealDomainLongerThanALabelAllows() {
        String label = "a".repeat(64);
        assertEquals(Optional.empty(), addresses.realAddress("x@" + label + ".com.t.glint.example"));
        assertEquals(Optional.of("x@" + label.substring(1) + ".com"),
                addresses.realAddress("x@" + label.substring(1) + ".com.t.glint.example"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bob@example.com.t.glint.example | true",
        "<BOB@EXAMPLE.COM.T.GLINT.EXAMPLE> | true",
        "mdn-x@t.glint.example | true",
        "x@localhost.t.glint.example | true",
        "bob@example.com | false",
        "bob@t.glint.example.org | false",
        "bob@xt.glint.example | false",
        "t.glint.example | false",
    })
    void knowsItsOwnAddresses(String address, boolean own) {
        assertEquals(own, addresses.isOwn(address));
    }

    @Test
    void stripsTheSuffixFromEveryAddressOfAToField() {
        // GIVEN a To field with display names, several addresses and a fold, as it stands in the message
        String field = "To: Bob Smith <bob@example.com.t.glint.example>, alice@example.org.t.glint.example,\r\n"
                + "\t\"Carol, Jr.\" <carol@mail.example.net.t.glint.example>\r\n";
        // WHEN the suffixes are stripped
        String stripped = addresses.stripSuffixes(field);
        // THEN the real addresses stand there, and every other byte is unchanged
        assertEquals("To: Bob Smith <bob@example.com>, alice@example.org,\r\n"
                + "\t\"Carol, Jr.\" <carol@mail.example.net>\r\n", stripped);
        assertFalse(addresses.mentions(stripped));
        assertTrue(addresses.mentions(field));
    }

    @Test
    void stripsUpperCaseSuffixes() {
        assertEquals("Cc: <Bob@Example.COM>",
                addresses.stripSuffixes("Cc: <Bob@Example.COM.T.Glint.EXAMPLE>"));
    }

    @Test
    void leavesEncodedDisplayNamesAsTheyAre() {
        // GIVEN an RFC 2047 display name (Jörg) before a tracking address
        String field = "To: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.de.t.glint.example>, "
                + "=?ISO-8859-1?B?SvZyZw==?= <j@example.de.t.glint.example>";
        // WHEN stripped THEN only the addresses change
        assertEquals("To: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.de>, "
                + "=?ISO-8859-1?B?SvZyZw==?= <j@example.de>", addresses.stripSuffixes(field));
    }

    @Test
    void stripsAnInternationalDomainWrittenInUtf8() {
        // GIVEN a header with a UTF-8 display name and domain, read as ISO-8859-1 (one char per byte)
        String utf8 = "To: Jörg <jörg@bücher.example.t.glint.example>\r\n";
        String latin1 = new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        // WHEN stripped
        String stripped = addresses.stripSuffixes(latin1);
        // THEN the bytes are the original ones without the suffix
        assertEquals("To: Jörg <jörg@bücher.example>\r\n",
                new String(stripped.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    @Test
    void leavesAnotherDomainThatMerelyContainsTheSuffixText() {
        // GIVEN addresses at domains that contain the suffix text but are not under the tracking domain
        String field = "To: a@example.com.t.glint.example.org, b@evil-t.glint.example, c@xt.glint.example,"
                + " d@example.com.t.glint.examples, see www.example.com.t.glint.example";
        // WHEN stripped THEN nothing changes
        assertEquals(field, addresses.stripSuffixes(field));
        assertFalse(addresses.mentions(field));
    }

    @Test
    void stripsEveryLayerOfALoopedAddress() {
        // GIVEN an address that went through the tracking domain twice
        String field = "To: <x@a.com.t.glint.example.t.glint.example>";
        // WHEN stripped THEN no tracking suffix is left for the copy to carry
        String stripped = addresses.stripSuffixes(field);
        assertEquals("To: <x@a.com>", stripped);
        assertFalse(addresses.mentions(stripped));
    }

    @Test
    void leavesAFieldWithoutTrackingAddressesIdentical() {
        String field = "Reply-To: \"Support (team)\" <support@example.com>, group: a@b.example, c@d.example;";
        assertEquals(field, addresses.stripSuffixes(field));
        assertFalse(addresses.mentions(field));
    }

    @Test
    void mentionsFindsATrackingAddressInText() {
        assertTrue(addresses.mentions("please write to bob@example.com.t.glint.example today"));
        assertTrue(addresses.mentions("(bob@EXAMPLE.com.t.glint.EXAMPLE)"));
        assertFalse(addresses.mentions("the domain t.glint.example alone is no address"));
        assertFalse(addresses.mentions("https://example.com.t.glint.example/path"));
    }
}
