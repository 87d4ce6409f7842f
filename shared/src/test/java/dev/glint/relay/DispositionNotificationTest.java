package dev.glint.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.mime.MessageBytes;
import dev.glint.mime.MimeScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Read receipts (RFC 8098 MDNs): the real one from the corpus, built ones, and reports that are no MDN. */
class DispositionNotificationTest {
    private static final String MESSAGES = "fixtures/mime/mailgun-flanker/tests/fixtures/messages";

    @Test
    void readsTheRealMdnOfTheCorpus() throws IOException {
        // GIVEN the RFC 3798 example MDN as a real mailer wrote it
        byte[] raw = Files.readAllBytes(shared().resolve(MESSAGES).resolve("disposition-notification.eml"));
        // WHEN it is looked for
        Optional<DispositionNotification> mdn = find(raw);
        // THEN every field is read
        assertEquals(Optional.of(new DispositionNotification("displayed", true, "Joe_Recipient@example.com",
                "<199509192301.23456@example.org>")), mdn);
    }

    static Stream<Named<Path>> reportsThatAreNoMdn() throws IOException {
        Path root = shared().resolve("fixtures/mime");
        List<Path> files = Stream.of(
                        root.resolve("mikel-mail/spec/fixtures/emails/multipart_report_emails"),
                        root.resolve("mailgun-flanker/tests/fixtures/messages/bounce"),
                        root.resolve("mailgun-flanker/tests/fixtures/messages/complaints"))
                .flatMap(dir -> {
                    try (Stream<Path> list = Files.list(dir)) {
                        return list.filter(p -> p.toString().endsWith(".eml")).sorted().toList().stream();
                    } catch (IOException e) {
                        throw new IllegalStateException("fixture folder missing: " + dir, e);
                    }
                })
                .toList();
        if (files.size() < 10) {
            throw new IllegalStateException("expected the DSN and ARF fixtures under " + root + ", found " + files);
        }
        return files.stream().map(p -> Named.of(root.relativize(p).toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportsThatAreNoMdn")
    void findsNoMdnInDeliveryReportsOrComplaints(Path file) throws IOException {
        // GIVEN a real DSN or ARF complaint WHEN an MDN is looked for THEN there is none
        assertEquals(Optional.empty(), find(Files.readAllBytes(file)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "manual-action/MDN-sent-manually; displayed | displayed | true",
        "automatic-action/MDN-sent-automatically; displayed | displayed | false",
        "manual-action/MDN-sent-automatically; displayed | displayed | false",
        "automatic-action/MDN-sent-manually; deleted | deleted | true",
        "manual-action; displayed | displayed | true",
        "automatic-action; displayed | displayed | false",
        "Manual-Action/MDN-Sent-Manually; DISPLAYED | displayed | true",
        "automatic-action/MDN-sent-automatically; deleted | deleted | false",
        "automatic-action/MDN-sent-automatically; dispatched | dispatched | false",
        "automatic-action/MDN-sent-automatically; processed | processed | false",
        "automatic-action/MDN-sent-automatically; processed/error | processed | false",
        "automatic-action/MDN-sent-automatically; denied | denied | false",
        "automatic-action/MDN-sent-automatically; failed | failed | false",
        "manual-action/MDN-sent-manually ;displayed / expired, warning | displayed | true",
        "manual-action/MDN-sent-manually; displayed (read by Bob) | displayed | true",
        "(by the user) manual-action / MDN-sent-manually ; displayed | displayed | true",
    })
    void readsTheDispositionModeAndType(String field, String type, boolean manual) {
        // GIVEN an MDN with this Disposition field
        // WHEN it is read
        Optional<DispositionNotification> mdn = find(mdn("Disposition: " + field + "\r\n"));
        // THEN the type and whether the person sent it are known
        assertTrue(mdn.isPresent(), field);
        assertEquals(type, mdn.get().disposition());
        assertEquals(manual, mdn.get().manual());
    }

    @Test
    void readsFoldedFields() {
        // GIVEN fields folded over several lines
        String fields = "Final-Recipient: rfc822;\r\n   bob@example.com\r\n"
                + "Original-Message-ID:\r\n\t<abc@example.org>\r\n"
                + "Disposition: manual-action/MDN-sent-manually;\r\n  displayed\r\n";
        // WHEN read THEN each is whole
        assertEquals(Optional.of(new DispositionNotification("displayed", true, "bob@example.com", "<abc@example.org>")),
                find(mdn(fields)));
    }

    @Test
    void readsBareLineFeedsAndAnEncodedPart() {
        // GIVEN an MDN written with bare LFs, its notification part in base64
        String fields = "Final-Recipient: rfc822; bob@example.com\r\nDisposition: automatic-action/MDN-sent-automatically;"
                + " deleted\r\n";
        String message = "From: bob@example.com\nTo: mdn@t.glint.example\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain\n\nDeleted.\n"
                + "--b\nContent-Type: message/disposition-notification\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(fields.getBytes(StandardCharsets.US_ASCII)) + "\n--b--\n";
        // WHEN read THEN the decoded fields count
        Optional<DispositionNotification> mdn = find(message.getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.of(new DispositionNotification("deleted", false, "bob@example.com", null)), mdn);
    }

    @Test
    void keepsTheFirstOfRepeatedFields() {
        String fields = "Disposition: manual-action/MDN-sent-manually; displayed\r\n"
                + "Disposition: automatic-action/MDN-sent-automatically; deleted\r\n";
        assertEquals(Optional.of(new DispositionNotification("displayed", true, null, null)), find(mdn(fields)));
    }

    @Test
    void leavesOutFieldsThatAreNotGiven() {
        DispositionNotification n = find(mdn("Disposition: manual-action/MDN-sent-manually; displayed\r\n")).orElseThrow();
        assertNull(n.finalRecipient());
        assertNull(n.originalMessageId());
    }

    @Test
    void findsNothingWithoutADispositionField() {
        assertEquals(Optional.empty(), find(mdn("Final-Recipient: rfc822; bob@example.com\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Disposition: displayed",
        "Disposition: manual-action/MDN-sent-manually",
        "Disposition: manual-action/MDN-sent-manually; opened",
        "Disposition: manual-action/MDN-sent-manually; displayedx",
        "Disposition: ;",
        "Disposition: \u00ff\u00fe; \u0000",
        "Disposition:",
        "Disposition: sure; displayed",
    })
    void findsNothingInAGarbageDisposition(String field) {
        assertEquals(Optional.empty(), find(mdn(field + "\r\n")));
    }

    @Test
    void findsNothingInAPlainMessage() {
        String message = "From: bob@example.com\r\nSubject: Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n"
                + "Disposition: manual-action/MDN-sent-manually; displayed\r\n";
        assertEquals(Optional.empty(), find(message.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void findsNothingInAnMdnForwardedAsAnAttachment() {
        // GIVEN an MDN carried inside a message/rfc822 attachment of an ordinary mail
        String message = "From: alice@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                + "--m\r\nContent-Type: text/plain\r\n\r\nFYI\r\n"
                + "--m\r\nContent-Type: message/rfc822\r\n\r\n"
                + new String(mdn("Disposition: manual-action/MDN-sent-manually; displayed\r\n"), StandardCharsets.US_ASCII)
                + "\r\n--m--\r\n";
        // WHEN looked for THEN it is not the mail's own notification
        assertEquals(Optional.empty(), find(message.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aManualReceiptIsThePersonsChoice() {
        assertTrue(find(mdn("Disposition: manual-action/MDN-sent-manually; displayed\r\n")).orElseThrow().manual());
        assertFalse(find(mdn("Disposition: automatic-action/MDN-sent-automatically; displayed\r\n")).orElseThrow().manual());
    }

    /** A multipart/report MDN around {@code fields}. */
    private static byte[] mdn(String fields) {
        String message = "From: Bob <bob@example.com>\r\nTo: mdn-x@t.glint.example\r\nSubject: Read: hello\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=disposition-notification;\r\n boundary=\"==b==\"\r\n\r\n"
                + "--==b==\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nYour message was displayed.\r\n"
                + "--==b==\r\nContent-Type: message/disposition-notification\r\n\r\n"
                + "Reporting-UA: mail.example.com; Example Mail 1.0\r\n" + fields
                + "\r\n--==b==\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: hello\r\n\r\n--==b==--\r\n";
        return message.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Optional<DispositionNotification> find(byte[] raw) {
        MessageBytes bytes = MessageBytes.of(raw);
        return DispositionNotification.find(bytes, MimeScanner.scan(bytes));
    }

    private static Path shared() {
        String shared = System.getProperty("glint.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property glint.shared.dir is not set: run the tests through"
                    + " Maven (the parent pom sets it for surefire) or pass -Dglint.shared.dir=<shared dir>");
        }
        return Path.of(shared);
    }
}
