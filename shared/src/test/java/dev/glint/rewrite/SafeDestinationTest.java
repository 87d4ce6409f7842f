package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafeDestinationTest {

    @Test
    void keepsOrdinaryWebLinksAsWritten() {
        for (String url : new String[] {
            "https://example.com",
            "http://www.YourSiteName.com",
            "https://shop.example/p/1?a=1&b=2#top",
            "https://example.com:8443/x",
            "https://my_host.example.com/",
            "https://[2001:db8::1]:8080/",
            "https://example.com/%E2%80%99",
        }) {
            assertEquals(Optional.of(url), SafeDestination.check(url), url);
        }
    }

    @Test
    void normalisesWhatABrowserWouldBeforeSendingTheRequest() {
        // GIVEN links as people paste them WHEN checked THEN they come back the way a browser requests them
        assertEquals(Optional.of("https://example.com/a"), SafeDestination.check("  HTTPS://example.com/a\n"));
        assertEquals(Optional.of("https://example.com/a%20b%7Cc?q=%7B1%7D"),
                SafeDestination.check("https://example.com/a b|c?q={1}"));
        assertEquals(Optional.of("https://xn--bcher-kva.example/%C3%A4"), SafeDestination.check("https://bücher.example/ä"));
        assertEquals(Optional.of("https://example.com/100%25?x=%5B%5D#a%23b"),
                SafeDestination.check("https://example.com/100%?x=[]#a#b"));
    }

    @Test
    void refusesAnythingThatIsNotAPlainWebDestination() {
        for (String url : new String[] {
            "", " ", "javascript:alert(1)", "data:text/html,x", "vbscript:x", "ftp://example.com/",
            "http://", "https:///path", "https:/example.com", "//example.com",
            "https://user@example.com/", "https://user:pw@example.com/", "https://good.example@evil.example/",
            "https://example.com/a\tb", "https://example.com/a\nb", "https://exa mple.com/",
            "https://example.com/a\u0000b", "https://example.com/\u202Egnp.exe", "https://example.com/\u00a0",
            "https://evil.example\\@good.example/", "https://example.com:99999/", "https://example.com:x/",
            "https://%65vil.example/", "https://.example/", "https://example.com/\uD800",
            "https://example.com/" + "a".repeat(SafeDestination.MAX_LENGTH),
        }) {
            assertEquals(Optional.empty(), SafeDestination.check(url), "accepted: " + url);
        }
    }

    @Test
    void isIdempotentAndAlwaysAValidUri() {
        // GIVEN a mix of accepted inputs WHEN checked twice THEN the second check changes nothing
        for (String url : new String[] {
            "https://example.com/a b|c^d`e\"f<g>h{i}j", "HTTP://Example.com/ü?ä=ö#ß", "https://x.example/%zz%",
            "https://x.example/" + "é".repeat(300),
        }) {
            String once = SafeDestination.check(url).orElseThrow(() -> new AssertionError("refused: " + url));
            assertEquals(Optional.of(once), SafeDestination.check(once), url);
            assertTrue(URI.create(once).getRawAuthority() != null, once);
            assertTrue(once.chars().allMatch(c -> c > ' ' && c < 0x7f), once);
        }
    }
}
