package dev.glint.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.rewrite.TrackedLink;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One recipient's copy of messages built for one case each, checked with Angus Mail. */
class TrackedMessageTest {
    private static final FakeUrls URLS = new FakeUrls(5);
    private static final String HTML = "<html><head><title>Hi</title></head><body><p>Hello</p>"
            + "<a href=\"https://shop.example/a\">A</a> <a href=\"https://shop.example/b?x=1&amp;y=2\">B</a></body></html>";
    private static final String TEXT = "Hello, see https://shop.example/a\r\n";
    private static final int LONG_LINKS = 30;

    // --- structure -------------------------------------------------------------------------------

    @Test
    void alternativeTextAndHtmlTracksTheHtmlOnly() throws Exception {
        // GIVEN a text and an HTML alternative
        byte[] original = message(multipart("alternative", text(TEXT), html(HTML, "UTF-8", "quoted-printable")));

        // WHEN one copy is made
        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        // THEN the text is as it was and the HTML carries the pixel and the click URLs
        assertFaithful(original, copy, message);
        assertEquals(1, message.htmlBodies());
        assertEquals(List.of(new TrackedLink(0, "https://shop.example/a"), new TrackedLink(1, "https://shop.example/b?x=1&y=2")),
                message.trackedLinks());
        String html = htmlOf(copy, 1);
        assertTrue(html.contains("href=\"https://t.test/c/0\"") && html.contains("href=\"https://t.test/c/1\""), html);
        assertFalse(html.contains("shop.example"), html);
        assertEquals(1, count(html, URLS.pixelUrl()));
        assertEquals(TEXT, new String(Angus.leaves(copy).get(0).decoded(), StandardCharsets.UTF_8));
    }

    @Test
    void relatedImagesAreCopiedByteForByte() throws Exception {
        byte[] png = randomBytes(3000, 1);
        MimeBodyPart image = attachment(png, "image/png", "logo.png", Part.INLINE);
        image.setContentID("<logo@example.test>");
        String html = "<html><body><img src=\"cid:logo@example.test\"><a href=\"https://shop.example/a\">A</a></body></html>";
        byte[] original = message(multipart("related", html(html, "UTF-8", "base64"), image));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertFaithful(original, copy, message);
        assertArrayEquals(png, Angus.leaves(copy).get(1).decoded());
        assertTrue(htmlOf(copy, 0).contains("<img src=\"cid:logo@example.test\">"), "cid: reference kept");
        assertEquals(1, message.trackedLinks().size());
    }

    @Test
    void attachmentsStayUntouchedEvenWhenTheyAreHtml() throws Exception {
        byte[] pdf = randomBytes(5000, 2);
        MimeBodyPart htmlFile = attachment(HTML.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", "page.html",
                Part.ATTACHMENT);
        byte[] original = message(multipart("mixed", html(HTML, "UTF-8", "quoted-printable"),
                attachment(pdf, "application/pdf", "bill.pdf", Part.ATTACHMENT), htmlFile));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertFaithful(original, copy, message);
        assertEquals(1, message.htmlBodies());
        assertArrayEquals(pdf, Angus.leaves(copy).get(1).decoded());
        assertArrayEquals(Angus.leaves(original).get(2).decoded(), Angus.leaves(copy).get(2).decoded());
        assertEquals(2, message.trackedLinks().size(), "links of the body only");
    }

    @Test
    void threeLevelsOfNestingAreFollowed() throws Exception {
        MimeMultipart alternative = multipart("alternative", text(TEXT), html(HTML, "UTF-8", "quoted-printable"));
        MimeMultipart related = multipart("related", wrap(alternative),
                attachment(randomBytes(800, 3), "image/gif", "dot.gif", Part.INLINE));
        byte[] original = message(multipart("mixed", wrap(related),
                attachment(randomBytes(900, 4), "application/pdf", "a.pdf", Part.ATTACHMENT)));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertFaithful(original, copy, message);
        assertEquals(3, message.root().children().getFirst().children().getFirst().children().getFirst().depth());
        assertEquals(1, message.htmlBodies());
        assertEquals(1, count(htmlOf(copy, 1), URLS.pixelUrl()));
    }

    @Test
    void anAttachedMessageIsCarriedAsItIs() throws Exception {
        byte[] inner = message(multipart("alternative", text(TEXT), html(HTML, "UTF-8", "7bit")));
        MimeBodyPart attached = new MimeBodyPart();
        attached.setContent(Angus.parse(inner), "message/rfc822");
        attached.setDisposition(Part.INLINE);
        byte[] original = message(multipart("mixed", text("See the forwarded message.\r\n"), attached));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertFaithful(original, copy, message);
        assertEquals(0, message.htmlBodies());
        assertArrayEquals(original, copy);
    }

    @Test
    void twoHtmlBodiesGetOnePixelAndContinuingLinkIndexes() throws Exception {
        String second = "<html><body><a href=\"https://shop.example/c\">C</a><a href=\"https://shop.example/d\">D</a></body></html>";
        byte[] original = message(multipart("mixed", html(HTML, "UTF-8", "quoted-printable"),
                html(second, "UTF-8", "quoted-printable")));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertFaithful(original, copy, message);
        assertEquals(2, message.htmlBodies());
        assertEquals(List.of("https://shop.example/a", "https://shop.example/b?x=1&y=2", "https://shop.example/c",
                "https://shop.example/d"), message.trackedLinks().stream().map(TrackedLink::destination).toList());
        assertEquals(List.of(0, 1, 2, 3), message.trackedLinks().stream().map(TrackedLink::index).toList());
        String first = htmlOf(copy, 0);
        String next = htmlOf(copy, 1);
        assertEquals(1, count(first, URLS.pixelUrl()));
        assertEquals(0, count(next, URLS.pixelUrl()));
        assertTrue(next.contains("href=\"https://t.test/c/2\">C") && next.contains("href=\"https://t.test/c/3\">D"), next);
    }

    // --- transfer encodings and charsets ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"quoted-printable", "base64", "7bit", "8bit"})
    void htmlIsReencodedInItsOwnTransferEncoding(String encoding) throws Exception {
        String html = "<html><body>\r\n<p>Caf\u00e9</p>\r\n<a href=\"https://shop.example/a\">A</a>\r\n</body></html>\r\n";
        String body = encoding.equals("7bit") ? html.replace("\u00e9", "e") : html;
        byte[] original = message(multipart("alternative", text(TEXT), html(body, "ISO-8859-1", encoding)));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message, false, true); // no pixel: its one long line would move identity encodings to QP

        assertFaithful(original, copy, message, false, true);
        assertEquals(encoding, bodyPart(copy, 1).getEncoding());
        assertTrue(htmlOf(copy, 1).contains(body.substring(0, 20)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "UTF-8, quoted-printable, 'Grüße, 東京 — Привет'",
        "UTF-8, base64, 'Grüße, 東京 — Привет'",
        "ISO-8859-1, quoted-printable, 'Ça coûte 5 €?'",
        "ISO-8859-15, 8bit, 'Ça coûte 5 € œuvre'",
        "windows-1252, quoted-printable, '“Smart” quotes – €'",
        "ISO-2022-JP, 7bit, 'こんにちは、東京'",
        "Shift_JIS, base64, 'こんにちは、東京'",
        "KOI8-R, quoted-printable, 'Привет, мир'",
    })
    void nationalTextAroundLinksRoundTrips(String charsetName, String encoding, String words) throws Exception {
        Charset charset = Charset.forName(charsetName);
        String sayable = charset.newEncoder().canEncode(words) ? words : words.replace("€", "EUR");
        String html = "<html><body><p>" + sayable + "</p><a href=\"https://shop.example/a\">" + sayable
                + "</a>\r\n<p>" + sayable + "</p></body></html>";
        byte[] original = message(multipart("alternative", text(TEXT), html(html, charsetName, encoding)));

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertFaithful(original, copy, message);
        String out = htmlOf(copy, 1);
        assertEquals(3, count(out, sayable), out);
        assertTrue(out.contains("<a href=\"https://t.test/c/0\">" + sayable + "</a>"), out);
    }

    @Test
    void aNestedSevenBitLineTooLongAfterRewritingMovesToQuotedPrintable() throws Exception {
        String html = longLineHtml();
        byte[] original = message(multipart("alternative", text(TEXT), html(html, "US-ASCII", "7bit")));
        assertTrue(TransferCodec.longestLine(original) <= 998, "the original fits SMTP");

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message, false, true);

        assertFaithful(original, copy, message, false, true);
        MimeBodyPart part = bodyPart(copy, 1);
        assertEquals("quoted-printable", part.getEncoding());
        assertEquals(1, part.getHeader("Content-Transfer-Encoding").length);
        assertTrue(htmlOf(copy, 1).contains("https://t.test/c/" + (LONG_LINKS - 1)));
    }

    @Test
    void aSinglePartSevenBitLineTooLongAfterRewritingMovesToQuotedPrintable() throws Exception {
        MimeMessage built = newMessage();
        built.setContent(longLineHtml(), "text/html; charset=us-ascii");
        built.setHeader("Content-Transfer-Encoding", "7bit");
        byte[] original = Angus.bytes(built);

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message, false, true);

        assertFaithful(original, copy, message, false, true);
        MimeMessage parsed = Angus.parse(copy);
        assertEquals("quoted-printable", parsed.getEncoding());
        assertEquals(1, parsed.getHeader("Content-Transfer-Encoding").length);
        List<String> before = RawHeader.of(original).fields().stream().filter(f -> !RawHeader.is(f, "Content-Transfer-Encoding")).toList();
        List<String> after = RawHeader.of(copy).fields().stream().filter(f -> !RawHeader.is(f, "Content-Transfer-Encoding")).toList();
        assertEquals(before, after, "every other header field as it was");
    }

    // --- malformed mail --------------------------------------------------------------------------

    @Test
    void bareLineFeedsStayBare() throws Exception {
        byte[] crlf = message(multipart("alternative", text(TEXT), html(HTML, "UTF-8", "quoted-printable")));
        byte[] original = new String(crlf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertEquals("\n", message.lineBreak());
        assertFaithful(original, copy, message);
        assertFalse(new String(copy, StandardCharsets.ISO_8859_1).contains("\r"), "no CR in a bare-LF copy");
        assertTrue(htmlOf(copy, 1).contains("https://t.test/c/0"));
    }

    @Test
    void aMissingClosingBoundaryEndsTheLastPartAtTheEnd() throws Exception {
        byte[] original = crlf("""
                From: a@example.test
                To: b@example.test
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain

                Hello https://shop.example/a
                --b1
                Content-Type: text/html; charset=utf-8

                <html><body><a href="https://shop.example/a">A</a></body></html>
                """);

        TrackedMessage message = prepare(original);
        byte[] copy = copy(message);

        assertEquals(2, message.root().children().size());
        assertEquals(1, message.htmlBodies());
        assertFaithful(original, copy, message);
    }

    @Test
    void aBoundaryThatNeverAppearsLeavesTheBodyOpaque() {
        byte[] original = crlf("""
                From: a@example.test
                Content-Type: multipart/alternative; boundary="nothere"

                --elsewhere
                Content-Type: text/html

                <html><body><a href="https://shop.example/a">A</a></body></html>
                --elsewhere--
                """);

        TrackedMessage message = prepare(original);

        assertTrue(message.root().children().isEmpty());
        assertEquals(0, message.htmlBodies());
        assertArrayEquals(original, copy(message));
    }

    @Test
    void aHeaderWithoutBlankLineIsNotGivenOne() {
        byte[] original = crlf("""
                From: a@example.test
                Content-Type: text/plain
                This line has no colon, so the body started one line early.
                """);

        TrackedMessage message = prepare(original);
        byte[] copy = message.copy(MimeCorpusTest.recipientEditor(), URLS, true, true);

        String expected = new String(original, StandardCharsets.ISO_8859_1)
                .replace("Content-Type: text/plain\r\n", "Content-Type: text/plain\r\nX-Glint-Copy: 1\r\n");
        assertEquals(expected, new String(copy, StandardCharsets.ISO_8859_1));
    }

    @Test
    void htmlWithoutBlankLineAfterItsHeaderIsCarriedUntracked() {
        byte[] original = crlf("""
                From: a@example.test
                Content-Type: text/html
                <html><body><a href="https://shop.example/a">A</a></body></html>
                """);

        TrackedMessage message = prepare(original);

        assertEquals(0, message.htmlBodies());
        assertEquals(1, message.untrackedReasons().size());
        assertArrayEquals(original, copy(message));
    }

    @Test
    void aHeaderOnlyMessageWithoutFinalLineBreakKeepsAppendedFieldsApart() {
        byte[] original = "From: a@example.test\r\nTo: b@example.test\r\nSubject: nothing else".getBytes(StandardCharsets.US_ASCII);

        byte[] copy = prepare(original).copy(MimeCorpusTest.recipientEditor(), URLS, true, true);

        assertEquals("From: a@example.test\r\nTo: recipient@example.test\r\nSubject: nothing else\r\nX-Glint-Copy: 1\r\n",
                new String(copy, StandardCharsets.US_ASCII));
    }

    @Test
    void blankLinesBeforeTheFirstFieldDoNotHideTheHeader() throws Exception {
        byte[] built = message(multipart("alternative", text(TEXT), html(HTML, "UTF-8", "quoted-printable")));
        byte[] original = concat("      \r\n".getBytes(StandardCharsets.US_ASCII), built);

        TrackedMessage message = prepare(original);
        byte[] copy = message.copy(MimeCorpusTest.recipientEditor(), URLS, true, true);

        assertEquals(1, message.htmlBodies());
        assertTrue(new String(copy, StandardCharsets.ISO_8859_1).contains("\r\nTo: recipient@example.test\r\n"));
        assertFalse(new String(copy, StandardCharsets.ISO_8859_1).contains("b@example.test"));
    }

    // --- headers ---------------------------------------------------------------------------------

    @Test
    void theHeaderEditorsChangesAreTheOnlyOnes() throws Exception {
        MimeMessage built = newMessage();
        built.setRecipients(Message.RecipientType.BCC, "hidden@example.test");
        built.setSubject("Caf\u00e9 \u2615", "UTF-8"); // an RFC 2047 encoded word
        built.setContent(multipart("alternative", text(TEXT), html(HTML, "UTF-8", "quoted-printable")));
        byte[] original = Angus.bytes(built);

        TrackedMessage message = prepare(original);
        byte[] copy = message.copy(dropBccRewriteTo(), URLS, false, false);

        String expected = new String(original, StandardCharsets.ISO_8859_1)
                .replaceFirst("\r\nBcc: hidden@example.test\r\n", "\r\n")
                .replaceFirst("\r\nTo: b@example.test\r\n", "\r\nTo: recipient@example.test\r\n");
        assertNotEquals(new String(original, StandardCharsets.ISO_8859_1), expected, "the fixture has To and Bcc");
        assertEquals(expected, new String(copy, StandardCharsets.ISO_8859_1), "nothing tracked: only the editor's changes");
        assertTrue(expected.contains("Subject: =?UTF-8?"), "encoded words kept as they were");
    }

    @Test
    void aMappedFileGivesTheSameCopyAsHeapBytes(@TempDir Path dir) throws Exception {
        byte[] original = message(multipart("alternative", text(TEXT), html(HTML, "UTF-8", "base64")));
        Path file = Files.write(dir.resolve("m.eml"), original);

        byte[] mapped = copy(TrackedMessage.prepare(MessageBytes.map(file)));

        assertArrayEquals(copy(prepare(original)), mapped);
    }

    @Test
    void aReportIsNeverTracked() throws Exception {
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.example.test\r\n\r\nFinal-Recipient: rfc822; b@example.test\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n", "message/delivery-status");
        MimeMultipart report = multipart("report; report-type=delivery-status", html(HTML, "UTF-8", "quoted-printable"), status);
        byte[] original = message(report);

        TrackedMessage message = prepare(original);

        assertEquals("delivery-status", message.reportType().orElseThrow());
        assertEquals(0, message.htmlBodies());
        assertArrayEquals(original, copy(message));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** One line of links that fits SMTP's 998 bytes until each link grows by four bytes; {@code LONG_LINKS} links. */
    private static String longLineHtml() {
        StringBuilder line = new StringBuilder("<html><body><p>");
        for (int i = 0; i < LONG_LINKS; i++) {
            line.append("<a href=\"https://s.ex/").append(i).append("\">").append(i).append("</a>");
        }
        String html = line.append("</p></body></html>\r\n").toString();
        assertTrue(html.length() - 2 <= 998 && html.length() - 2 + 4 * LONG_LINKS > 998, "a line near the limit: " + html.length());
        return html;
    }

    private static HeaderEditor dropBccRewriteTo() {
        return (fields, bytes, lineBreak, out) -> {
            for (HeaderField field : fields) {
                if (field.is("Bcc")) {
                    continue;
                }
                if (field.is("To")) {
                    out.write(("To: recipient@example.test" + lineBreak).getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                bytes.writeTo(out, field.start(), field.end());
            }
        };
    }

    private static TrackedMessage prepare(byte[] original) {
        return TrackedMessage.prepare(MessageBytes.of(original));
    }

    private static byte[] copy(TrackedMessage message) {
        return copy(message, true, true);
    }

    private static byte[] copy(TrackedMessage message, boolean opens, boolean clicks) {
        return message.copy(HeaderEditor.UNCHANGED, URLS, opens, clicks);
    }

    /** Same leaves and bytes but for stamped HTML (checked against the rewrite), and SMTP-sized lines. */
    private static void assertFaithful(byte[] original, byte[] copy, TrackedMessage message) throws Exception {
        assertFaithful(original, copy, message, true, true);
    }

    private static void assertFaithful(byte[] original, byte[] copy, TrackedMessage message, boolean opens, boolean clicks)
            throws Exception {
        MimeCorpusTest.assertLeaves(Angus.leaves(original), Angus.leaves(copy), message, URLS, opens, clicks);
        assertTrue(TransferCodec.longestLine(copy) <= 998, "longest line " + TransferCodec.longestLine(copy));
    }

    /** Leaf {@code index} of {@code copy}, decoded in its charset. */
    private static String htmlOf(byte[] copy, int index) throws Exception {
        Angus.Leaf leaf = Angus.leaves(copy).get(index);
        return MimeCorpusTest.decodeText(leaf.decoded(), MimeCorpusTest.javaCharset(leaf.contentType()));
    }

    private static MimeBodyPart bodyPart(byte[] copy, int index) throws Exception {
        Multipart multipart = (Multipart) Angus.parse(copy).getContent();
        return (MimeBodyPart) multipart.getBodyPart(index);
    }

    private static MimeMessage newMessage() throws MessagingException {
        MimeMessage message = new MimeMessage(Angus.SESSION);
        message.setFrom("a@example.test");
        message.setRecipients(Message.RecipientType.TO, "b@example.test");
        message.setSubject("Test");
        return message;
    }

    private static byte[] message(MimeMultipart content) throws MessagingException, IOException {
        MimeMessage message = newMessage();
        message.setContent(content);
        return Angus.bytes(message);
    }

    private static MimeMultipart multipart(String subtype, MimeBodyPart... parts) throws MessagingException {
        MimeMultipart multipart = new MimeMultipart(subtype);
        for (MimeBodyPart part : parts) {
            multipart.addBodyPart(part);
        }
        return multipart;
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart text(String text) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static MimeBodyPart html(String html, String charset, String encoding) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(html, "text/html; charset=" + charset);
        part.setHeader("Content-Transfer-Encoding", encoding);
        return part;
    }

    private static MimeBodyPart attachment(byte[] data, String type, String name, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(data, type)));
        part.setFileName(name);
        part.setDisposition(disposition);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
