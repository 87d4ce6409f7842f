package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HostileInputTest {
    private static final String[] PIECES = {
        "<", ">", "</", "<a href=", "\"", "'", "https://x.example/", "<!--", "-->", "<!--[if mso]>", "<![endif]-->",
        "<v:roundrect href=\"https://v.example/\">", "</body>", "<body>", "</html>", "<table>", "<td>", "<select>",
        "<option>", "<template>", "<script>", "</script>", "<textarea>", "&amp;", "&", "{{", "}}", "%", "\u0000",
        "\r\n", " ", "text", "<p>", "<svg><a href=\"https://s.example/\">", "<area href=https://ar.example/>", "=",
    };

    @Test
    void acceptsEmptyAndPlainText() {
        for (String html : List.of("", " ", "just some words, no markup", "https://x.example/ bare", "<", "&")) {
            // WHEN parsed and stamped THEN one pixel and the words are kept
            RewrittenMail copy = stampOnce(html);
            assertEquals(Jsoup.parse(html).text(), Jsoup.parse(copy.html()).text(), html);
        }
    }

    @Test
    void survivesDeeplyNestedJunk() {
        // GIVEN 50,000 unclosed nested elements, misnested links and stray end tags
        String html = "<div><span><a href=\"https://x.example/\"><b><table><td>".repeat(10_000) + "</i></p>".repeat(10_000);

        // WHEN parsed and stamped THEN it neither throws nor hangs, and carries one pixel
        assertTimeoutQuietly(() -> stampOnce(html));
    }

    @Test
    void handlesTwoMegabytesOfTagsAndRewritesLinksPastTheParserBuffer() {
        // GIVEN 2 MB of markup with a link at the very end, far past the parser's read buffer
        StringBuilder html = new StringBuilder("<html><body>");
        while (html.length() < 2_000_000) {
            html.append("<div class=\"row\"><a href=\"#\">x</a><img src=\"y.png\"><!-- c --></div>\n");
        }
        html.append("<a href=\"https://far.example/end?a=1&amp;b=2\">end</a></body></html>");

        // WHEN stamped
        MailTemplate template = MailTemplate.parse(html.toString(), null);
        RewrittenMail copy = template.stamp(new SealingUrls(0));

        // THEN the last link is the only one rewritten, and decodes to its destination
        assertEquals(1, template.trackedLinks().size());
        Document doc = Jsoup.parse(copy.html());
        assertEquals("https://far.example/end?a=1&b=2",
                SealingUrls.openClick(doc.select("a:not([aria-hidden])").last().attr("href")).destination());
        assertEquals(1, doc.select("img[src^=" + SealingUrls.OPEN + "]").size());
    }

    @Test
    void scansAMegabyteOfAwkwardTextQuickly() {
        // GIVEN text parts built to make naive scanners backtrack: unclosed tags, parentheses, bare schemes
        for (String unit : List.of("{{", "%a", "*|", "https://x.example/(", ")", "https://", "https://x.example/{{ ")) {
            String text = unit.repeat(1_000_000 / unit.length());

            // WHEN parsed and stamped THEN it finishes without throwing, well within the time limit
            assertTimeoutQuietly(() -> MailTemplate.parse(null, text).stamp(new SealingUrls(0)));
        }
    }

    @Test
    void neverThrowsOnRandomTagSoupAndReportsPixelsTruthfully() {
        // GIVEN 500 random documents stitched from HTML fragments (seeded: failures reproduce)
        Random random = new Random(20261125);
        for (int round = 0; round < 500; round++) {
            StringBuilder html = new StringBuilder();
            int pieces = random.nextInt(60);
            for (int i = 0; i < pieces; i++) {
                html.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String source = html.toString();

            // WHEN parsed and stamped
            RewrittenMail copy = assertDoesNotThrow(() -> MailTemplate.parse(source, source).stamp(new SealingUrls(0)),
                    source);

            // THEN the pixel count it reports is what a parser sees, and each tracked link decodes
            Document doc = Jsoup.parse(copy.html());
            assertEquals(copy.pixels(), doc.select("img[src^=" + SealingUrls.OPEN + "]").size(), source);
            // AND so is its honeypot count
            assertEquals(copy.honeypots(), doc.select("[href^=" + SealingUrls.CLICK + "]").stream()
                    .filter(a -> SealingUrls.isHoneypot(a.attr("href"))).count(), source);
            doc.select("[href^=" + SealingUrls.CLICK + "]").stream().filter(a -> !SealingUrls.isHoneypot(a.attr("href")))
                    .forEach(a -> SealingUrls.openClick(a.attr("href")));
        }
    }

    private static RewrittenMail stampOnce(String html) {
        RewrittenMail copy = MailTemplate.parse(html, null).stamp(new SealingUrls(0));
        assertEquals(1, copy.pixels(), html);
        assertEquals(1, Jsoup.parse(copy.html()).select("img[src^=" + SealingUrls.OPEN + "]").size(), html);
        return copy;
    }

    private static void assertTimeoutQuietly(Runnable work) {
        long start = System.nanoTime();
        work.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
    }
}
