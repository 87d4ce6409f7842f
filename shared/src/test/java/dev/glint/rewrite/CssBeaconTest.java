package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The read and forward CSS beacons of a stamped copy (checked on the markup: no mail renderer runs here). */
class CssBeaconTest {
    private static final Pattern KEYFRAMES =
            Pattern.compile("\\.glint-r(\\d+)\\{animation:glint-r\\1 1s linear (\\d+)s 1 forwards}"
                    + "@keyframes glint-r\\1\\{from,to\\{background-image:url\\(\"([^\"]+)\"\\)}}");

    @Test
    void putsOneStyleBlockInTheHeadAndTheEmptyBeaconsWithThePixel() {
        // GIVEN a mail with a head and a body
        String html = "<html><head><title>T</title></head><body><p>Hello <a href=\"https://x.example/\">x</a></p></body></html>";

        // WHEN stamped for recipient 5
        RewrittenMail copy = MailTemplate.parse(html, null).stamp(new SealingUrls(5));
        Document doc = Jsoup.parse(copy.html());

        // THEN the head holds the one style block, the body the four empty, hidden beacon elements
        assertEquals(1, copy.beacons());
        assertEquals(1, doc.head().select("style").size());
        assertEquals(0, doc.body().select("style").size());
        List<Element> beacons = doc.body().select("div.glint-r, div.glint-f");
        assertEquals(List.of("glint-r glint-r2", "glint-r glint-r8", "glint-r glint-r20", "glint-f"),
                beacons.stream().map(Element::className).toList());
        for (Element beacon : beacons) {
            assertEquals("", beacon.html());
            assertEquals("true", beacon.attr("aria-hidden"));
            assertTrue(beacon.attr("style").contains("height:1px"), "a beacon must render 1 px, not display:none");
        }
        // AND the visible text is unchanged
        assertEquals(Jsoup.parse(html).text(), doc.text());
    }

    @Test
    void eachReadBeaconLoadsItsOwnStepAfterItsDelayAndDecodesToThisRecipient() {
        // GIVEN a stamped copy
        String css = Jsoup.parse(MailTemplate.parse("<body>Hi</body>", null).stamp(new SealingUrls(5)).html())
                .selectFirst("style").data();

        // WHEN its keyframes are read
        Matcher m = KEYFRAMES.matcher(css);
        List<Integer> steps = new ArrayList<>();
        while (m.find()) {
            // THEN each animation waits its step, then sets a pixel-route URL sealed as READ with that step
            int step = Integer.parseInt(m.group(1));
            assertEquals(step, Integer.parseInt(m.group(2)));
            TokenClaims claims = SealingUrls.open(m.group(3));
            assertEquals(TokenKind.READ, claims.kind());
            assertEquals(step, claims.link());
            assertEquals(5, claims.recipient());
            steps.add(step);
        }
        assertEquals(TokenClaims.READ_STEPS, steps);
    }

    @Test
    void theForwardBeaconLoadsOnlyInsideTheQuoteContainersOfTheMainClients() {
        // GIVEN a stamped copy without a head: the style goes with the pixel
        String out = MailTemplate.parse("<p>Hi</p>", null).stamp(new SealingUrls(1)).html();
        String css = Jsoup.parse(out).selectFirst("style").data();

        // THEN the forward URL is set only under Gmail, Apple Mail, Outlook and Yahoo quote markup...
        Matcher m = Pattern.compile("([^}]*)\\{background-image:url\\(\"([^\"]+)\"\\)}").matcher(css.substring(css.lastIndexOf('}', css.length() - 2)));
        assertTrue(m.find(), css);
        assertEquals(".gmail_quote .glint-f,blockquote[type=cite] .glint-f,#divRplyFwdMsg ~ * .glint-f,"
                + "#appendonsend ~ * .glint-f,.yahoo_quoted .glint-f", m.group(1));
        assertEquals(TokenKind.FORWARD, SealingUrls.open(m.group(2)).kind());
        assertEquals(1, SealingUrls.open(m.group(2)).recipient());
        // ...and nowhere else, while read beacons stop inside a quote (someone else is reading it)
        assertFalse(Pattern.compile("(^|[},])\\.glint-f").matcher(css).find(), "the forward beacon must not load outside a quote");
        assertTrue(css.contains(".yahoo_quoted .glint-r{animation:none !important}"), css);
    }

    @Test
    void addsNoBeaconsWhenOpensAreNotTracked() {
        // GIVEN a mail stamped with opens off
        SealingUrls urls = new SealingUrls(0);
        RewrittenMail copy = MailTemplate.parse("<html><head></head><body>Hi</body></html>", null).stamp(urls, false, true);
        // THEN there is no style block and no beacon element
        assertEquals(0, copy.beacons());
        assertFalse(copy.html().contains("glint-"), copy.html());
    }

    @Test
    void escapesAUrlThatCouldBreakOutOfTheStyleBlock() {
        assertEquals("\"https://t.example/o?a=\\22 \\3c /style\\3e \\5c \"",
                Beacons.cssString("https://t.example/o?a=\"</style>\\"));
    }
}
