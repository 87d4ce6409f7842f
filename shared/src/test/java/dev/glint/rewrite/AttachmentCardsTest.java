package dev.glint.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.model.AttachedFile;
import dev.glint.model.Attachment;
import dev.glint.model.Ids;
import dev.glint.token.TokenClaims;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The link cards a copy gets for the email's attachments, in HTML and in text. */
class AttachmentCardsTest {
    private static final Pattern ATTACHMENT_URL = Pattern.compile("https://t\\.example/a/[A-Za-z0-9_-]+");
    private static final AttachedFile REPORT = new AttachedFile(Ids.attachment(), "Q3 report.pdf", 1_234_567,
            "application/pdf", Attachment.Mode.VIEW);
    private static final AttachedFile SHEET = new AttachedFile(Ids.attachment(), "budget.xlsx", 48_000,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Attachment.Mode.DOWNLOAD);
    private static final List<AttachedFile> FILES = List.of(REPORT, SHEET);

    static Stream<Named<Path>> corpusMails() throws IOException {
        return CorpusRewriteTest.corpusMails();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusMails")
    void insertsOneCardPerAttachmentBeforeTheBeaconsAndChangesNothingElse(Path mail) throws IOException {
        // GIVEN a real mail, parsed once without and once with two attachments
        String source = Files.readString(mail);
        MailTemplate plain = MailTemplate.parse(source, null);
        MailTemplate withFiles = MailTemplate.parse(source, null, FILES);
        assertTrue(withFiles.showsAttachments());

        // WHEN both are stamped with the same (deterministic) URLs
        String without = plain.stamp(new FixedUrls(3)).html();
        String with = withFiles.stamp(new FixedUrls(3)).html();

        // THEN the copy with attachments is the copy without plus one inserted run of markup...
        int at = with.indexOf("<table class=\"" + AttachmentCards.CARD_CLASS + "\"");
        int inserted = with.length() - without.length();
        assertTrue(at >= 0 && inserted > 0, "nothing inserted");
        assertEquals(without, with.substring(0, at) + with.substring(at + inserted), "more than an insertion changed");
        // ...that is exactly two cards, in attachment order, each linking twice to its own URL...
        Document cards = Jsoup.parseBodyFragment(with.substring(at, at + inserted));
        assertEquals(2, cards.body().children().size());
        Elements tables = cards.select("table." + AttachmentCards.CARD_CLASS);
        assertEquals(2, tables.size());
        for (int i = 0; i < FILES.size(); i++) {
            List<String> hrefs = tables.get(i).select("a[href]").eachAttr("href");
            assertEquals(List.of(FixedUrls.attachment(3, i, FILES.get(i).id()), FixedUrls.attachment(3, i, FILES.get(i).id())),
                    hrefs);
        }
        // ...and it sits in the body, right before the beacons, honeypot link and pixel
        Document doc = Jsoup.parse(with, "", Parser.htmlParser().setTrackPosition(true));
        Elements inBody = doc.body().select("table." + AttachmentCards.CARD_CLASS);
        assertEquals(2, inBody.size(), "cards in the body");
        Element firstBeacon = doc.selectFirst("div.glint-r");
        assertEquals(inBody.last().endSourceRange().endPos(), firstBeacon.sourceRange().startPos(),
                "cards not right before the beacons");
        assertEquals(Jsoup.parse(source).text() + " PDF Q3 report.pdf 1.2 MB View XLSX budget.xlsx 47 KB Download",
                doc.text());
    }

    @Test
    void eachRecipientsCardsCarryTheirOwnTokensForTheRightAttachment() throws IOException {
        // GIVEN a real corpus mail with a text part too, and two attachments
        Path mail = CorpusRewriteTest.corpusMails().findFirst().orElseThrow().getPayload();
        MailTemplate template = MailTemplate.parse(Files.readString(mail), "Hello,\nsee the files.\n", FILES);

        // WHEN it is stamped for three recipients with real sealed tokens
        Set<String> seen = new HashSet<>();
        for (int recipient = 0; recipient < 3; recipient++) {
            SealingUrls urls = new SealingUrls(recipient);
            RewrittenMail copy = template.stamp(urls);

            // THEN each attachment's URL is asked for once and appears in both parts, and it opens to
            // this recipient, the attachment's index and its id
            assertEquals(2, urls.attachmentCalls);
            Elements cards = Jsoup.parse(copy.html()).select("table." + AttachmentCards.CARD_CLASS);
            List<String> textUrls = ATTACHMENT_URL.matcher(copy.text()).results().map(MatchResult::group).toList();
            assertEquals(2, textUrls.size());
            for (int i = 0; i < FILES.size(); i++) {
                String url = cards.get(i).selectFirst("a[href]").attr("href");
                assertEquals(textUrls.get(i), url);
                TokenClaims claims = SealingUrls.openAttachment(url);
                assertEquals(recipient, claims.recipient());
                assertEquals(i, claims.link());
                assertEquals(FILES.get(i).id(), claims.destination());
                assertTrue(seen.add(url), "a URL shared between copies");
            }
        }
    }

    @Test
    void escapesHostileFilenamesAndNeutralisesDirectionOverrides() {
        // GIVEN names with markup, quotes, an ampersand, a right-to-left override and a line break
        String markup = "<img src=x onerror=alert(1)>\"quoted\" & 'single'.pdf";
        String spoof = "invoice\u202Efdp.exe";
        String broken = "two\r\nlines\u0000.txt";
        List<AttachedFile> files = List.of(file(markup), file(spoof), file(broken));

        // WHEN a mail is stamped with them
        RewrittenMail copy = MailTemplate.parse("<html><body><p>Hi</p></body></html>", "Hi", files)
                .stamp(new SealingUrls(0));

        // THEN the names are text, never markup: no injected element or attribute, and what a reader
        // sees is the name with each override or control character shown as U+FFFD
        Document doc = Jsoup.parse(copy.html());
        assertTrue(doc.select("img").stream().allMatch(img -> img.attr("src").startsWith(SealingUrls.OPEN)),
                "an injected image");
        assertTrue(doc.getAllElements().stream().noneMatch(e -> e.hasAttr("onerror")));
        Elements names = doc.select("table." + AttachmentCards.CARD_CLASS + " td:eq(1) > a");
        assertEquals(List.of(markup, "invoice\uFFFDfdp.exe", "two\uFFFD\uFFFDlines\uFFFD.txt"), names.eachText());
        assertEquals(markup, names.first().attr("title"));
        for (String part : List.of(copy.html(), copy.text())) {
            assertFalse(part.contains("\u202E"), "a direction override survived");
            assertFalse(part.contains("\u0000"), "a control character survived");
        }
        // AND each text line stays one line
        List<String> lines = copy.text().lines().filter(l -> l.startsWith("📎 ")).toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("📎 two\uFFFD\uFFFDlines\uFFFD.txt (2.0 KB): " + SealingUrls.ATTACHMENT));
    }

    @Test
    void cutsAVeryLongNameInTheMiddleKeepingItsExtensionAndWholeCharacters() {
        // GIVEN a 300-character name of emoji sequences and letters, ending in its extension
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // one grapheme, 8 chars
        String name = family.repeat(60) + "x".repeat(230) + "-final.pdf";

        // WHEN it is shown
        String shown = AttachmentCards.displayName(name);

        // THEN it is MAX_NAME (64) characters as a reader counts them (47, an ellipsis, the last 16), and no
        // emoji sequence is cut apart
        assertEquals(family.repeat(47) + "…" + "xxxxxx-final.pdf", shown);
        // AND the card shows the cut name, the full one on hover
        Document doc = Jsoup.parse(MailTemplate.parse("<body></body>", null, List.of(file(name)))
                .stamp(new SealingUrls(0)).html());
        Element link = doc.selectFirst("table." + AttachmentCards.CARD_CLASS + " td:eq(1) > a");
        assertEquals(shown, link.text());
        assertTrue(link.attr("title").length() > shown.length());
        assertTrue(link.parent().attr("style").contains("word-break:break-all"));
    }

    @Test
    void addsOneLinePerAttachmentAtTheEndOfTheTextInItsOwnLineBreaks() {
        // GIVEN text parts ending with and without a line break, one with CRLF
        String lf = "Hi,\nthe files: https://x.example/\n";
        String crlfNoEnd = "Hi,\r\nthe files.";

        // WHEN stamped with two attachments
        String outLf = MailTemplate.parse(null, lf, FILES).stamp(new FixedUrls(1)).text();
        String outCrlf = MailTemplate.parse(null, crlfNoEnd, FILES).stamp(new FixedUrls(1)).text();

        // THEN the text is as written, a blank line, then "📎 name (size): URL" per attachment
        assertEquals("Hi,\nthe files: https://t.example/c/1-0\n\n"
                + "📎 Q3 report.pdf (1.2 MB): " + FixedUrls.attachment(1, 0, REPORT.id()) + "\n"
                + "📎 budget.xlsx (47 KB): " + FixedUrls.attachment(1, 1, SHEET.id()) + "\n", outLf);
        assertEquals("Hi,\r\nthe files.\r\n\r\n"
                + "📎 Q3 report.pdf (1.2 MB): " + FixedUrls.attachment(1, 0, REPORT.id()) + "\r\n"
                + "📎 budget.xlsx (47 KB): " + FixedUrls.attachment(1, 1, SHEET.id()) + "\r\n", outCrlf);
    }

    @Test
    void linksToAttachmentsEvenWithOpensAndClicksUntracked() {
        // GIVEN a mail with a link and one attachment
        MailTemplate template = MailTemplate.parse("<body><a href=\"https://x.example/\">x</a></body>",
                "see https://x.example/", List.of(REPORT));

        // WHEN stamped with neither opens nor clicks tracked
        SealingUrls urls = new SealingUrls(2);
        RewrittenMail copy = template.stamp(urls, false, false);

        // THEN there is no pixel, honeypot or rewritten link, but the attachment link is there in both parts
        assertEquals(0, copy.pixels());
        assertEquals(0, copy.honeypots());
        assertEquals(0, urls.clickCalls + urls.pixelCalls + urls.honeypotCalls);
        assertEquals(1, urls.attachmentCalls);
        Document doc = Jsoup.parse(copy.html());
        assertEquals("https://x.example/", doc.selectFirst("a").attr("href"));
        assertEquals(REPORT.id(), SealingUrls.openAttachment(
                doc.selectFirst("table." + AttachmentCards.CARD_CLASS + " a").attr("href")).destination());
        assertTrue(copy.text().startsWith("see https://x.example/\n\n📎 Q3 report.pdf (1.2 MB): "));
    }

    @Test
    void saysWhenAnHtmlPartHasNoPlaceForTheCards() {
        // GIVEN a part that is one unclosed comment, so nothing inserted anywhere renders
        String noPlace = "<!-- never closed <p>Hi</p>";
        // WHEN parsed with and without attachments THEN only the mail with attachments is refused
        assertEquals(0, MailTemplate.parse(noPlace, null).stamp(new SealingUrls(0)).pixels());
        assertTrue(MailTemplate.parse(noPlace, null).showsAttachments());
        assertFalse(MailTemplate.parse(noPlace, null, List.of(REPORT)).showsAttachments());
        // AND a text-only mail always shows them
        assertTrue(MailTemplate.parse(null, "Hi", List.of(REPORT)).showsAttachments());
        assertNull(MailTemplate.parse(null, "Hi", List.of(REPORT)).stamp(new SealingUrls(0)).html());
    }

    @Test
    void labelsByTheSniffedTypeAndShowsSizesAsMailClientsDo() {
        assertEquals("PDF", AttachmentCards.label("application/pdf"));
        assertEquals("PNG", AttachmentCards.label("IMAGE/PNG; name=x"));
        assertEquals("📎", AttachmentCards.label("application/octet-stream"));
        assertEquals("1 byte", AttachmentCards.humanSize(1));
        assertEquals("1023 bytes", AttachmentCards.humanSize(1023));
        assertEquals("1.0 KB", AttachmentCards.humanSize(1024));
        assertEquals("340 KB", AttachmentCards.humanSize(340 * 1024));
        assertEquals("1.0 MB", AttachmentCards.humanSize(1024 * 1024 - 1));
        assertEquals("25 MB", AttachmentCards.humanSize(25L << 20));
        assertEquals("2.5 GB", AttachmentCards.humanSize((5L << 30) / 2));
    }

    private static AttachedFile file(String name) {
        return new AttachedFile(Ids.attachment(), name, 2048, "text/plain", Attachment.Mode.DOWNLOAD);
    }

    /** Deterministic URLs, so two stamps of the same recipient can be compared byte for byte. */
    record FixedUrls(int n) implements TrackingUrls {
        static String attachment(int n, int index, String id) {
            return "https://t.example/a/" + n + "-" + index + "-" + id;
        }

        @Override
        public String pixelUrl() {
            return "https://t.example/o/" + n + ".gif";
        }

        @Override
        public String clickUrl(int linkIndex, String destination) {
            return "https://t.example/c/" + n + "-" + linkIndex;
        }

        @Override
        public String honeypotUrl() {
            return "https://t.example/c/h" + n;
        }

        @Override
        public String readUrl(int stepSeconds) {
            return "https://t.example/o/r" + n + "-" + stepSeconds + ".gif";
        }

        @Override
        public String forwardUrl() {
            return "https://t.example/o/f" + n + ".gif";
        }

        @Override
        public String attachmentUrl(int index, String attachmentId) {
            return attachment(n, index, attachmentId);
        }
    }
}
