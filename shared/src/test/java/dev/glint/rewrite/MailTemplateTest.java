package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.token.TokenClaims;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MailTemplateTest {
    private static final Pattern CLICK_URL = Pattern.compile("https://t\\.example/c/[A-Za-z0-9_-]+");
    private static final String PIXEL_STYLE = "display:block;width:1px;height:1px;border:0;margin:0;padding:0";

    @Test
    void rewritesLinksAndVmlButtonsInsideOutlookConditionalComments() {
        // GIVEN a bulletproof button: VML for Outlook in a conditional comment, an <a> for everyone else
        String html = "<html><body><!--[if mso]><v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\""
                + " href=\"https://shop.example/sale\" style=\"height:40px\"><w:anchorlock/>"
                + "<a href=\"https://shop.example/outlook\">Sale</a></v:roundrect><![endif]-->"
                + "<!--[if !mso]><!--><a href=\"https://shop.example/sale\">Sale</a><!--<![endif]--></body></html>";

        // WHEN stamped
        MailTemplate template = MailTemplate.parse(html, null);
        String out = template.stamp(new SealingUrls(0)).html();

        // THEN all three links are tracked, in source order, and the comment is still one comment
        assertEquals(List.of(
                new TrackedLink(0, "https://shop.example/sale"),
                new TrackedLink(1, "https://shop.example/outlook"),
                new TrackedLink(2, "https://shop.example/sale")), template.trackedLinks());
        assertEquals(List.of("v:roundrect", "a", "a"), template.linkReports().stream().map(LinkReport::element).toList());
        Document doc = Jsoup.parse(out);
        Comment mso = doc.body().nodeStream(Comment.class).findFirst().orElseThrow();
        List<String> inComment = clickUrls(mso.getData());
        assertEquals(2, inComment.size());
        assertEquals("https://shop.example/sale", SealingUrls.openClick(inComment.get(0)).destination());
        assertEquals("https://shop.example/outlook", SealingUrls.openClick(inComment.get(1)).destination());
        assertTrue(mso.getData().startsWith("[if mso]><v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\" href=\""));
        assertTrue(mso.getData().endsWith("\">Sale</a></v:roundrect><![endif]"));
        assertEquals(2, SealingUrls.openClick(doc.select("a[href]").attr("href")).link());
    }

    @Test
    void leavesADestinationTooLongForOutlooksUrlLimitAsWritten() {
        // GIVEN one link at the longest trackable destination and one a character longer
        String base = "https://shop.example/p?q=";
        String fits = base + "a".repeat(LinkRule.MAX_TRACKED_DESTINATION - base.length());
        String tooLong = fits + "a";
        String html = "<body><a href=\"" + fits + "\">a</a><a href=\"" + tooLong + "\">b</a></body>";

        // WHEN stamped with real-length ids, a late recipient index and a long tracking host
        MailTemplate template = MailTemplate.parse(html, null);
        String host = "https://track.glint-mail.example.com";
        String out = template.stamp(new dev.glint.send.SealedTrackingUrls(
                new dev.glint.token.TokenSealer(dev.glint.token.KeyRing.generate()), host,
                dev.glint.model.Ids.account(), dev.glint.model.Ids.email(), 499,
                java.time.Instant.now().plusSeconds(86_400))).html();

        // THEN the first is tracked with a click URL Outlook still accepts, the second kept as written
        assertEquals(List.of(new TrackedLink(0, fits)), template.trackedLinks());
        assertEquals("too-long", template.linkReports().get(1).reason());
        Matcher click = Pattern.compile(Pattern.quote(host) + "/c/[A-Za-z0-9_-]+").matcher(out);
        assertTrue(click.find());
        assertTrue(click.group().length() <= 2083, "click URL has " + click.group().length() + " characters");
        assertTrue(out.contains("href=\"" + tooLong + "\""));
    }

    @Test
    void rewritesImageMapAreas() {
        // GIVEN an image map
        String html = "<body><img src=\"map.png\" usemap=\"#m\"><map name=\"m\">"
                + "<area shape=\"rect\" coords=\"0,0,10,10\" href=\"https://maps.example/north\" alt=\"N\">"
                + "<area shape=\"rect\" coords=\"10,10,20,20\" href=\"#south\" alt=\"S\"></map></body>";

        // WHEN stamped
        Document doc = Jsoup.parse(MailTemplate.parse(html, null).stamp(new SealingUrls(0)).html());

        // THEN the web area is tracked and the anchor area untouched
        List<Element> areas = doc.select("area");
        assertEquals("https://maps.example/north", SealingUrls.openClick(areas.get(0).attr("href")).destination());
        assertEquals("#south", areas.get(1).attr("href"));
        assertEquals("map.png", doc.selectFirst("img[usemap]").attr("src"));
    }

    @Test
    void leavesNonWebRelativeTemplatedAndUnsafeLinksUntouched() {
        // GIVEN every kind of link that must keep working as written
        String[][] cases = {
            {"mailto:support@example.com", "mailto"},
            {"tel:+15555550100", "tel"},
            {"sms:+15555550100", "sms"},
            {"#top", "anchor"},
            {"javascript:alert(1)", "javascript"},
            {"JavaScript&#x3a;alert(1)", "javascript"},
            {"data:text/html,hi", "data"},
            {"{{action_url}}", "template"},
            {"https://example.com/u?id={{ user.id }}", "template"},
            {"*|UNSUB|*", "template"},
            {"https://example.com/*|EMAIL|*", "template"},
            {"%UNSUBSCRIBELINK%", "template"},
            {"https://example.com/?e=%EMAIL%", "template"},
            {"{% url 'unsubscribe' %}", "template"},
            {"<%asm_global_unsubscribe_raw_url%>", "template"},
            {"/account/settings", "relative"},
            {"twitter.com/glint", "relative"},
            {"//cdn.example/x", "protocol-relative"},
            {"http://", "unsafe"},
            {"https://user:pw@example.com/", "unsafe"},
            {"", "empty"},
        };
        StringBuilder html = new StringBuilder("<html><body>\n");
        for (String[] c : cases) {
            html.append("<a href=\"").append(c[0].replace("\"", "&quot;")).append("\">x</a>\n");
        }
        html.append("</body></html>");

        // WHEN stamped
        MailTemplate template = MailTemplate.parse(html.toString(), null);
        SealingUrls urls = new SealingUrls(0);
        RewrittenMail copy = template.stamp(urls);

        // THEN nothing but the pixel changed, and each link is reported with its reason
        assertEquals(0, urls.clickCalls);
        assertEquals(html.toString(), SealingUrls.withoutHoneypot(copy.html()).replaceFirst("<img src=\"[^\"]+\"[^>]+/>", ""));
        assertEquals(cases.length, template.linkReports().size());
        for (int i = 0; i < cases.length; i++) {
            LinkReport report = template.linkReports().get(i);
            assertFalse(report.rewritten(), report.toString());
            assertEquals(cases[i][1], report.reason(), "reason for " + cases[i][0]);
            assertEquals(-1, report.index());
        }
    }

    @Test
    void decodesEntitiesInHrefAndWritesValidEscapedAttributes() {
        // GIVEN a link whose query is entity-encoded, and tracking URLs that need escaping themselves
        String html = "<body><a href=\"https://shop.example/p?a=1&amp;b=2&lt;\">x</a></body>";
        TrackingUrls awkward = new TrackingUrls() {
            @Override public String pixelUrl() {
                return "https://t.example/o.gif?a=1&b=\"2\"";
            }

            @Override public String clickUrl(int linkIndex, String destination) {
                return "https://t.example/c?x=1&y='2'&d=<" + destination.length() + ">";
            }

            @Override public String honeypotUrl() {
                return "https://t.example/c?h=1&y='2'&d=<>";
            }

            @Override public String readUrl(int stepSeconds) {
                return "https://t.example/o.gif?r=" + stepSeconds + "&q=\"</style>";
            }

            @Override public String forwardUrl() {
                return "https://t.example/o.gif?f=1\\";
            }

            @Override public String attachmentUrl(int index, String attachmentId) {
                return "https://t.example/a?i=" + index + "&q=\"'<>";
            }
        };

        // WHEN parsed and stamped
        MailTemplate template = MailTemplate.parse(html, null);
        String out = template.stamp(awkward).html();

        // THEN the destination is the decoded URL and a parser reads the inserted URLs back exactly
        assertEquals("https://shop.example/p?a=1&b=2%3C", template.trackedLinks().get(0).destination());
        Document doc = Jsoup.parse(out);
        assertEquals("https://t.example/c?x=1&y='2'&d=<33>", doc.selectFirst("a").attr("href"));
        assertEquals("https://t.example/o.gif?a=1&b=\"2\"", doc.selectFirst("img").attr("src"));
        assertTrue(out.contains("href=\"https://t.example/c?x=1&amp;y=&#39;2&#39;&amp;d=&lt;33&gt;\""), out);
        assertEquals("https://t.example/c?h=1&y='2'&d=<>", doc.selectFirst("a[aria-hidden]").attr("href"));
    }

    @Test
    void trimsWhitespaceAroundAnHrefAndReplacesTheWholeValue() {
        // GIVEN an href with spaces and a newline around the URL
        String html = "<body><a href=\" \n https://x.example/a \">x</a></body>";

        // WHEN stamped
        MailTemplate template = MailTemplate.parse(html, null);
        String out = template.stamp(new SealingUrls(0)).html();

        // THEN the destination is the bare URL and the whole value is the click URL
        assertEquals("https://x.example/a", template.trackedLinks().get(0).destination());
        assertTrue(CLICK_URL.matcher(Jsoup.parse(out).selectFirst("a").attr("href")).matches(), out);
    }

    @Test
    void quotesAnUnquotedHrefWhenReplacingIt() {
        // GIVEN unquoted and single-quoted values
        String html = "<body><a href=https://a.example/x/ class=btn>A</a><a href='https://b.example/'>B</a></body>";

        // WHEN stamped
        String out = MailTemplate.parse(html, null).stamp(new SealingUrls(0)).html();

        // THEN the unquoted value gains quotes, the quoted one keeps its own, and the other attributes survive
        Matcher a = Pattern.compile("<a href=\"(" + CLICK_URL + ")\" class=btn>A</a>").matcher(out);
        assertTrue(a.find(), out);
        assertEquals("https://a.example/x/", SealingUrls.openClick(a.group(1)).destination());
        Matcher b = Pattern.compile("<a href='(" + CLICK_URL + ")'>B</a>").matcher(out);
        assertTrue(b.find(), out);
        assertEquals("btn", Jsoup.parse(out).selectFirst("a").className());
    }

    @Test
    void insertsOneInvisiblePixelJustBeforeTheBodyEndTag() {
        // GIVEN a complete document with content after </body>
        String html = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello</p></BODY>\n</html>\n";

        // WHEN stamped
        RewrittenMail copy = MailTemplate.parse(html, null).stamp(new SealingUrls(5));

        // THEN exactly one 1x1 image with alt text sits right before </BODY>, and nothing else moved
        // (but the honeypot link before it)
        String out = SealingUrls.withoutHoneypot(copy.html());
        Matcher pixel = Pattern.compile("<img src=\"(https://t\\.example/o/[A-Za-z0-9_-]+\\.gif)\" width=\"1\""
                + " height=\"1\" alt=\"\" style=\"" + Pattern.quote(PIXEL_STYLE) + "\" />").matcher(out);
        assertTrue(pixel.find(), out);
        assertEquals(html, out.substring(0, pixel.start()) + out.substring(pixel.end()));
        assertTrue(out.startsWith("</BODY>", pixel.end()));
        assertEquals(5, SealingUrls.open(pixel.group(1)).recipient());
        assertEquals(1, copy.pixels());
        assertFalse(out.contains("display:none"));
    }

    @Test
    void placesThePixelWhereItRendersWhenThereIsNoBodyEndTag() {
        // GIVEN markup without a usable </body>: a fragment, one ending with </html>, one ending inside
        // a comment, one whose </body> the parser ignores because a <select> is open
        String fragment = "<p>Hi <a href=\"https://x.example/\">there</a>";
        String htmlOnly = "<html><body><p>Hi</p></html>";
        String openComment = "<p>Hi</p><!-- unfinished";
        String openSelect = "<body><p>Hi</p><select><option>x</body></html>";

        for (String html : List.of(fragment, htmlOnly, openComment, openSelect)) {
            // WHEN stamped
            RewrittenMail copy = MailTemplate.parse(html, null).stamp(new SealingUrls(0));

            // THEN it still carries one pixel, inside the body, and the visible text is unchanged
            Document doc = Jsoup.parse(copy.html());
            assertEquals(1, copy.pixels(), html);
            assertEquals(1, doc.body().select("img[src^=" + SealingUrls.OPEN + "]").size(), html);
            assertEquals(1, doc.select("img").size(), html);
            assertEquals(Jsoup.parse(html).text(), doc.text(), html);
        }
        assertTrue(MailTemplate.parse(htmlOnly, null).stamp(new SealingUrls(0)).html().endsWith(" /></html>"));
    }

    @Test
    void stampingTwiceGivesIndependentCopiesEachWithOnePixel() {
        // GIVEN one parsed mail
        MailTemplate template = MailTemplate.parse(
                "<body><a href=\"https://x.example/a\">a</a><a href=\"https://x.example/a\">again</a></body>",
                "Read https://x.example/a");

        // WHEN stamped for two recipients
        RewrittenMail first = template.stamp(new SealingUrls(0));
        RewrittenMail second = template.stamp(new SealingUrls(1));

        // THEN each copy has one pixel and its own tokens; the same destination twice has two indexes
        for (RewrittenMail copy : List.of(first, second)) {
            assertEquals(1, copy.pixels());
            assertEquals(1, Jsoup.parse(copy.html()).select("img").size());
        }
        assertNotEquals(first.html(), second.html());
        assertEquals(List.of(0, 0, 0), recipients(first));
        assertEquals(List.of(1, 1, 1), recipients(second));
        assertEquals(List.of(0, 1, 2), clickUrls(first.html() + first.text()).stream()
                .map(url -> SealingUrls.openClick(url).link()).toList());
    }

    @Test
    void leavesStylesheetsImagesAndBaseAlone() {
        // GIVEN absolute URLs in <link>, <img>, <base> and a background attribute
        String html = "<html><head><base href=\"https://base.example/\">"
                + "<link href=\"https://fonts.example/css\" rel=\"stylesheet\"></head>"
                + "<body><table background=\"https://img.example/bg.png\"><tr><td>"
                + "<img src=\"https://img.example/logo.png\" alt=\"logo\"></td></tr></table></body></html>";

        // WHEN stamped
        SealingUrls urls = new SealingUrls(0);
        MailTemplate template = MailTemplate.parse(html, null);
        String out = template.stamp(urls).html();

        // THEN none of them is a link: no report, no click URL, only the pixel is added
        assertEquals(List.of(), template.linkReports());
        assertEquals(0, urls.clickCalls);
        assertEquals(html, SealingUrls.withoutHoneypot(out).replaceFirst("<img src=\"https://t\\.example/o/[^>]+/>", ""));
    }

    @Test
    void countsAnAnchorTheParserClonedOnce() {
        // GIVEN a link left open across a block, which the HTML tree builder splits into two <a> elements
        String html = "<body><a href=\"https://x.example/\"><p>para</a>after</body>";

        // WHEN stamped
        MailTemplate template = MailTemplate.parse(html, null);
        String out = template.stamp(new SealingUrls(0)).html();

        // THEN the one source link is one tracked link, and both elements point at its click URL
        assertEquals(1, template.trackedLinks().size());
        assertEquals(1, template.linkReports().size());
        assertEquals(1, clickUrls(out).size());
        List<String> hrefs = Jsoup.parse(out).select("a:not([aria-hidden])").eachAttr("href");
        assertEquals(2, hrefs.size());
        assertEquals(hrefs.get(0), hrefs.get(1));
    }

    @Test
    void asksForUrlsOnlyForWhatIsTracked() {
        // GIVEN a mail with a link
        String html = "<body><a href=\"https://x.example/\">x</a></body>";
        MailTemplate template = MailTemplate.parse(html, "see https://x.example/");

        // WHEN stamped with clicks off, then with opens off
        SealingUrls opensOnly = new SealingUrls(0);
        RewrittenMail noClicks = template.stamp(opensOnly, true, false);
        SealingUrls clicksOnly = new SealingUrls(0);
        RewrittenMail noOpens = template.stamp(clicksOnly, false, true);

        // THEN links stay as written without clicks, and no pixel is inserted without opens
        assertEquals(0, opensOnly.clickCalls);
        assertEquals(1, opensOnly.pixelCalls);
        assertEquals("see https://x.example/", noClicks.text());
        assertEquals("https://x.example/", Jsoup.parse(noClicks.html()).selectFirst("a").attr("href"));
        assertEquals(0, clicksOnly.pixelCalls);
        assertEquals(0, noOpens.pixels());
        String withoutHoneypot = SealingUrls.withoutHoneypot(noOpens.html());
        assertEquals(html, withoutHoneypot.replace(clickUrls(withoutHoneypot).get(0), "https://x.example/"));
    }

    @Test
    void acceptsATextOnlyMailAndRefusesAMailWithNoParts() {
        // GIVEN a mail with only a text part WHEN stamped THEN there is no HTML and no pixel
        RewrittenMail copy = MailTemplate.parse(null, "Hi https://x.example/").stamp(new SealingUrls(0));
        assertNull(copy.html());
        assertEquals(0, copy.pixels());
        assertTrue(copy.text().startsWith("Hi " + SealingUrls.CLICK));

        // GIVEN neither part THEN parse refuses it
        assertThrows(IllegalArgumentException.class, () -> MailTemplate.parse(null, null));
    }

    private static List<String> clickUrls(String s) {
        return CLICK_URL.matcher(s).results().map(MatchResult::group).filter(u -> !SealingUrls.isHoneypot(u)).toList();
    }

    private static List<Integer> recipients(RewrittenMail copy) {
        return clickUrls(copy.html() + copy.text()).stream()
                .map(SealingUrls::openClick).map(TokenClaims::recipient).toList();
    }
}
