package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The hidden link every tracked copy carries, which no reader sees and only machines follow. */
class HoneypotLinkTest {
    private static final String MAIL = "<!DOCTYPE html><html><body><p>Hello <a href=\"https://shop.example/a\">shop</a>"
            + " and <a href=\"https://shop.example/b\">more</a></p></body></html>";

    @Test
    void eachCopyCarriesOneHoneypotOfItsOwnRecipientRightBeforeThePixel() {
        // GIVEN one mail
        MailTemplate template = MailTemplate.parse(MAIL, null);

        for (int recipient : List.of(0, 7)) {
            // WHEN it is stamped for a recipient
            RewrittenMail copy = template.stamp(new SealingUrls(recipient));

            // THEN the copy holds exactly one honeypot link, sealed for that recipient, just before the pixel
            List<Element> honeypots = honeypots(copy.html());
            assertEquals(1, honeypots.size());
            assertEquals(1, copy.honeypots());
            TokenClaims claims = SealingUrls.open(honeypots.get(0).attr("href"));
            assertEquals(TokenKind.HONEYPOT, claims.kind());
            assertEquals(recipient, claims.recipient());
            assertEquals(-1, claims.link());
            assertEquals(null, claims.destination());
            Element next = honeypots.get(0).nextElementSibling();
            assertTrue(next != null && next.attr("src").startsWith(SealingUrls.OPEN), "the pixel follows the honeypot");
        }
    }

    @Test
    void theHoneypotIsInvisibleEmptyAndLeavesTheTextAndTrackedLinksAsTheyWere() {
        // GIVEN a mail with two links
        MailTemplate template = MailTemplate.parse(MAIL, null);

        // WHEN stamped
        String out = template.stamp(new SealingUrls(0)).html();

        // THEN the honeypot is hidden from sight, Outlook, screen readers and the tab order, and holds no text
        Element honeypot = honeypots(out).get(0);
        assertEquals("display:none !important;mso-hide:all", honeypot.attr("style"));
        assertEquals("true", honeypot.attr("aria-hidden"));
        assertEquals("-1", honeypot.attr("tabindex"));
        assertEquals(0, honeypot.childNodeSize());
        // AND what a reader reads is unchanged, and the honeypot is no tracked link of the mail
        assertEquals(Jsoup.parse(MAIL).text(), Jsoup.parse(out).text());
        assertEquals(2, template.trackedLinks().size());
        assertEquals(2, template.linkReports().size());
    }

    @Test
    void aCopyWithoutClickTrackingHasNoHoneypot() {
        // GIVEN a mail
        MailTemplate template = MailTemplate.parse(MAIL, null);

        // WHEN stamped with clicks off, and with opens off
        SealingUrls opensOnly = new SealingUrls(0);
        RewrittenMail noClicks = template.stamp(opensOnly, true, false);
        RewrittenMail noOpens = template.stamp(new SealingUrls(0), false, true);

        // THEN without clicks there is no honeypot and none was sealed; without opens it is still there, alone
        assertEquals(0, noClicks.honeypots());
        assertEquals(0, opensOnly.honeypotCalls);
        assertEquals(List.of(), honeypots(noClicks.html()));
        assertEquals(1, noOpens.honeypots());
        assertEquals(1, honeypots(noOpens.html()).size());
        assertEquals(0, Jsoup.parse(noOpens.html()).select("img").size());
    }

    @Test
    void aTextOnlyMailHasNoHoneypot() {
        RewrittenMail copy = MailTemplate.parse(null, "see https://shop.example/a").stamp(new SealingUrls(0));
        assertEquals(0, copy.honeypots());
        assertTrue(SealingUrls.openClick(copy.text().substring(4)).kind() == TokenKind.CLICK);
    }

    private static List<Element> honeypots(String html) {
        Document doc = Jsoup.parse(html);
        return doc.select("a[href]").stream().filter(a -> SealingUrls.isHoneypot(a.attr("href"))).toList();
    }
}
