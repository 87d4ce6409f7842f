package dev.glint.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.rewrite.TrackedLink;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Relays every message of the public MIME corpus (shared/fixtures/mime) and checks each copy
 * against the original with an independent parser, Angus Mail: same leaves, same Content-Types,
 * same decoded bytes for everything but the tracked HTML, which must be exactly the original HTML
 * stamped by {@link MailTemplate}; top-level header fields untouched unless the editor changed them.
 */
class MimeCorpusTest {
    private static final int MESSAGES = 233;
    /** A hang guard per message, not a performance assertion. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final String RECIPIENT = "recipient@example.test";

    /**
     * Messages whose structure Angus Mail 2.0.5 cannot parse (it throws), so they are checked only by
     * "no HTML found: the copy is the original": a multipart body in which Angus finds no delimiter
     * line ("Missing start boundary": missing, misspelt, over-long or oddly quoted boundaries, a
     * multipart with no part at all), and a Content-Type with ";;" before its boundary (mimetools
     * double-semicolon*). Kept exact, so that a change on either side is noticed.
     */
    private static final Set<String> ANGUS_CANNOT_PARSE = Set.of(
            "apache-james-mime4j/core/src/test/resources/mimetools-testmsgs/badbound.msg",
            "apache-james-mime4j/core/src/test/resources/mimetools-testmsgs/double-semicolon.msg",
            "apache-james-mime4j/core/src/test/resources/mimetools-testmsgs/double-semicolon2.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/ending-boundaries.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/missing-boundary.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/missing-inner-boundary.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/missing-inner-start-boundary.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/multipartnopart.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/very-long-boundary.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/very-very-long-boundary.msg",
            "apache-james-mime4j/core/src/test/resources/testmsgs/weird-boundary.msg",
            "mailgun-flanker/tests/fixtures/messages/false-multipart.eml",
            "mailgun-flanker/tests/fixtures/messages/mailformed-headers.eml",
            "mikel-mail/spec/fixtures/emails/error_emails/bad_date_header2.eml",
            "mikel-mail/spec/fixtures/emails/error_emails/empty_in_reply_to.eml",
            "mikel-mail/spec/fixtures/emails/error_emails/missing_body.eml",
            "mikel-mail/spec/fixtures/emails/error_emails/must_supply_encoding.eml");

    /** Bounces in the report folders that are plain text, not multipart/report: no report type, nothing to track. */
    private static final Set<String> PLAIN_TEXT_BOUNCES = Set.of(
            "mailgun-flanker/tests/fixtures/messages/bounce/broken-mime.eml",
            "mailgun-flanker/tests/fixtures/messages/bounce/gmail-invalid-address.eml",
            "mailgun-flanker/tests/fixtures/messages/bounce/gmail-no-dns.eml");

    static Path corpusRoot() {
        String shared = System.getProperty("glint.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property glint.shared.dir is not set: run the tests through"
                    + " Maven (the parent pom sets it for surefire) or pass -Dglint.shared.dir=<shared dir>");
        }
        Path root = Path.of(shared, "fixtures", "mime");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the MIME corpus is missing: no directory " + root.toAbsolutePath()
                    + " (glint.shared.dir=" + shared + ")");
        }
        return root;
    }

    static List<Path> messagePaths() throws IOException {
        Path root = corpusRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(MimeCorpusTest::isMessage).sorted().toList();
        }
    }

    private static boolean isMessage(Path file) {
        String name = file.getFileName().toString();
        String upper = name.toUpperCase(Locale.ROOT);
        return !(upper.contains("LICENSE") || upper.startsWith("NOTICE") || upper.startsWith("README")
                || upper.endsWith(".TXT") || upper.endsWith(".MD") || name.startsWith("."));
    }

    static Stream<Named<Path>> messages() throws IOException {
        Path root = corpusRoot();
        return messagePaths().stream().map(p -> Named.of(name(root, p), p));
    }

    static Stream<Named<Path>> reports() throws IOException {
        return messages().filter(m -> isReportFixture(m.getName()));
    }

    static Stream<Named<Path>> charsetMessages() throws IOException {
        return messages().filter(m -> m.getName().contains("/multi_charset/")
                || m.getName().matches(".*apache-james-mime4j/.*/russian[^/]*")
                || m.getName().endsWith("/russian-attachment-yahoo.eml"));
    }

    private static boolean isReportFixture(String name) {
        return name.contains("/multipart_report_emails/") || name.contains("mailgun-flanker/tests/fixtures/messages/bounce/")
                || name.contains("mailgun-flanker/tests/fixtures/messages/complaints/")
                || name.endsWith("mailgun-flanker/tests/fixtures/messages/disposition-notification.eml");
    }

    private static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @Test
    void corpusHoldsEveryMessage() throws IOException {
        assertEquals(MESSAGES, messagePaths().size(), "messages under " + corpusRoot());
        assertEquals(17, reports().count(), "report fixtures");
        assertEquals(9, charsetMessages().count(), "charset fixtures");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void copyKeepsEveryPartButTheTrackedHtml(Path file) throws Exception {
        // GIVEN a real message, as bytes
        byte[] original = Files.readAllBytes(file);
        String name = name(corpusRoot(), file);
        FakeUrls urls = new FakeUrls(7);

        // WHEN it is prepared and copied for one recipient whose To is rewritten and Bcc dropped
        Relayed relayed = assertTimeoutPreemptively(HANG_GUARD, () -> relay(original, urls), name);
        TrackedMessage message = relayed.message;
        byte[] copy = relayed.copy;

        // THEN the copy stays within bounds...
        assertTrue(copy.length < 2L * original.length + 1_000_000, "copy of " + copy.length + " bytes for " + original.length);
        // ...reports are never tracked...
        if (message.reportType().isPresent()) {
            assertEquals(0, message.htmlBodies(), "HTML bodies of a report");
            assertTrue(message.trackedLinks().isEmpty(), "links of a report");
        }
        // ...the header is the original's with exactly the editor's changes...
        assertHeaderEdited(original, copy, rootReencoded(message, copy));
        // ...and every part Angus finds is the original's, but for the tracked HTML.
        List<Angus.Leaf> before;
        try {
            before = Angus.leaves(original);
        } catch (MessagingException | IOException | RuntimeException e) {
            assertTrue(ANGUS_CANNOT_PARSE.contains(name), "Angus cannot parse " + name + ": " + e);
            assertEquals(0, message.htmlBodies(), "HTML bodies in a message Angus cannot parse");
            assertArrayEquals(original, message.copy(HeaderEditor.UNCHANGED, urls, true, true), "copy of " + name);
            return;
        }
        assertFalse(ANGUS_CANNOT_PARSE.contains(name), "Angus parses " + name + " now: drop it from the list");
        List<Angus.Leaf> after = Angus.leaves(copy);
        assertLeaves(before, after, message, urls, true, true);
        if (message.htmlBodies() == 0) {
            assertArrayEquals(untrackedCopy(original), message.copy(HeaderEditor.UNCHANGED, urls, true, true),
                    "a copy without HTML to track is the original");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void reportsAreRecognisedAndCopiedUntouched(Path file) throws IOException {
        // GIVEN a delivery report, a read receipt or a complaint
        byte[] original = Files.readAllBytes(file);
        String name = name(corpusRoot(), file);

        // WHEN it is relayed with its header unchanged
        TrackedMessage message = assertTimeoutPreemptively(HANG_GUARD, () -> TrackedMessage.prepare(MessageBytes.of(original)));
        byte[] copy = message.copy(HeaderEditor.UNCHANGED, new FakeUrls(1), true, true);

        // THEN it is known for a report (a MIME report: plain-text bounces carry no type) and copied byte for byte
        assertEquals(!PLAIN_TEXT_BOUNCES.contains(name), message.reportType().isPresent(), "report type " + message.reportType());
        assertEquals(0, message.htmlBodies());
        assertArrayEquals(original, copy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charsetMessages")
    void textInEveryCharsetRoundTrips(Path file) throws Exception {
        // GIVEN a message with text in national charsets
        byte[] original = Files.readAllBytes(file);
        FakeUrls urls = new FakeUrls(3);

        // WHEN it is relayed
        TrackedMessage message = TrackedMessage.prepare(MessageBytes.of(original));
        byte[] copy = message.copy(HeaderEditor.UNCHANGED, urls, true, true);

        // THEN every text leaf reads the same characters, stamped HTML aside
        List<Angus.Leaf> before = Angus.leaves(original);
        List<Angus.Leaf> after = Angus.leaves(copy);
        assertEquals(before.size(), after.size(), "leaves");
        int offset = 0;
        boolean first = true;
        for (int i = 0; i < before.size(); i++) {
            Angus.Leaf b = before.get(i);
            Angus.Leaf a = after.get(i);
            if (!b.contentType().toLowerCase(Locale.ROOT).startsWith("text/")) {
                continue;
            }
            Charset charset = javaCharset(b.contentType());
            String beforeText = decodeText(b.decoded(), charset);
            String afterText = decodeText(a.decoded(), charset);
            if (Arrays.equals(b.decoded(), a.decoded())) {
                assertEquals(beforeText, afterText);
                continue;
            }
            assertTrue(b.isHtml(), "only HTML changes");
            MailTemplate template = MailTemplate.parse(beforeText, null);
            assertEquals(template.stamp(urls.offset(offset), first, true).html(), afterText, "leaf " + i + " in " + charset);
            offset += template.trackedLinks().size();
            first = false;
        }
    }

    /** Prepares and copies with an editor that rewrites To, drops Bcc and adds a field. */
    private static Relayed relay(byte[] original, FakeUrls urls) {
        TrackedMessage message = TrackedMessage.prepare(MessageBytes.of(original));
        return new Relayed(message, message.copy(recipientEditor(), urls, true, true));
    }

    private record Relayed(TrackedMessage message, byte[] copy) {}

    static HeaderEditor recipientEditor() {
        return (fields, bytes, lineBreak, out) -> {
            for (HeaderField field : fields) {
                if (field.is("Bcc")) {
                    continue;
                }
                if (field.is("To")) {
                    out.write(("To: " + RECIPIENT + lineBreak).getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                bytes.writeTo(out, field.start(), field.end());
            }
            out.write(("X-Glint-Copy: 1" + lineBreak).getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static boolean rootReencoded(TrackedMessage message, byte[] copy) {
        String cte = message.root().transferEncoding();
        return RawHeader.of(copy).fields().stream().anyMatch(f -> RawHeader.is(f, "Content-Transfer-Encoding")
                && f.toLowerCase(Locale.ROOT).contains("quoted-printable")) && !cte.equals("quoted-printable");
    }

    /** The copy's fields are the original's with To rewritten, Bcc dropped, X-Glint-Copy (and a new CTE) added. */
    private static void assertHeaderEdited(byte[] original, byte[] copy, boolean rootReencoded) {
        List<String> before = RawHeader.of(original).fields();
        String lineBreak = lineBreak(original);
        List<String> expected = new ArrayList<>();
        for (String field : before) {
            if (RawHeader.is(field, "Bcc") || (rootReencoded && RawHeader.is(field, "Content-Transfer-Encoding"))) {
                continue;
            }
            expected.add(RawHeader.is(field, "To") ? "To: " + RECIPIENT + lineBreak : field);
        }
        if (!expected.isEmpty() && !expected.getLast().endsWith("\n")) {
            expected.set(expected.size() - 1, expected.getLast() + lineBreak);
        }
        expected.add("X-Glint-Copy: 1" + lineBreak);
        if (rootReencoded) {
            expected.add("Content-Transfer-Encoding: quoted-printable" + lineBreak);
        }
        assertEquals(expected, RawHeader.of(copy).fields(), "top-level header fields");
    }

    private static String lineBreak(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                return i > 0 && message[i - 1] == '\r' ? "\r\n" : "\n";
            }
        }
        return "\r\n";
    }

    /** The original, and a final line break when it is all header and lacks one (a field needs its line break). */
    private static byte[] untrackedCopy(byte[] original) {
        RawHeader header = RawHeader.of(original);
        if (header.fields().isEmpty() || header.end() < original.length || original[original.length - 1] == '\n') {
            return original;
        }
        byte[] lineBreak = lineBreak(original).getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(original, original.length + lineBreak.length);
        System.arraycopy(lineBreak, 0, out, original.length, lineBreak.length);
        return out;
    }

    /**
     * Same leaves, same types; unchanged bytes everywhere but in HTML leaves, and a changed HTML leaf
     * is exactly the original's HTML stamped for this recipient (pixel in the first only, link indexes
     * continuing from one body to the next).
     */
    static void assertLeaves(List<Angus.Leaf> before, List<Angus.Leaf> after, TrackedMessage message, FakeUrls urls,
            boolean trackOpens, boolean trackClicks) {
        assertEquals(before.size(), after.size(), "number of leaf parts");
        List<TrackedLink> links = new ArrayList<>();
        int stamped = 0;
        int pixels = 0;
        for (int i = 0; i < before.size(); i++) {
            Angus.Leaf b = before.get(i);
            Angus.Leaf a = after.get(i);
            assertEquals(b.contentType(), a.contentType(), "Content-Type of leaf " + i);
            assertEquals(b.disposition(), a.disposition(), "Content-Disposition of leaf " + i);
            if (Arrays.equals(b.decoded(), a.decoded())) {
                continue;
            }
            assertTrue(b.isHtml() && !b.isAttachment(), "leaf " + i + " (" + b.contentType() + ") changed: only HTML bodies may");
            assertTrue(a.decodedByAngus(), "Angus decodes the re-encoded leaf " + i);
            Charset charset = javaCharset(b.contentType());
            String source = decodeText(b.decoded(), charset);
            MailTemplate template = MailTemplate.parse(source, null);
            RewrittenMail expected = template.stamp(urls.offset(links.size()), trackOpens && stamped == 0, trackClicks);
            String actual = decodeText(a.decoded(), charset);
            assertEquals(expected.html(), actual, "stamped HTML of leaf " + i + " in " + charset);
            pixels += count(actual, urls.pixelUrl());
            if (stamped == 0) {
                assertEquals(expected.pixels(), count(actual, urls.pixelUrl()), "pixel in the first HTML body");
            }
            for (TrackedLink link : template.trackedLinks()) {
                links.add(new TrackedLink(links.size(), link.destination()));
            }
            stamped++;
        }
        assertTrue(stamped <= message.htmlBodies(), stamped + " HTML leaves changed, " + message.htmlBodies() + " tracked");
        assertTrue(pixels <= 1, "pixels in the copy: " + pixels);
        assertEquals(message.trackedLinks(), links, "tracked links of the copy");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    /** The declared charset when Java knows it, else ISO-8859-1 (one char per byte). */
    static Charset javaCharset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Strict decoding in {@code charset}; ISO-8859-1 when the bytes are not valid in it. */
    static String decodeText(byte[] bytes, @Nullable Charset charset) {
        if (charset == null) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
