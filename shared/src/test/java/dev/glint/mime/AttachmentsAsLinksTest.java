package dev.glint.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.model.AttachedFile;
import dev.glint.model.Attachment;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A relayed copy with its attachments left out and link cards in their place. */
class AttachmentsAsLinksTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final FakeUrls URLS = new FakeUrls(3);
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};

    @Test
    void attachmentsAnywhereInTheMixedPartBecomeCardsAndEverythingElseStays() throws Exception {
        for (List<String> order : List.of(List.of("body", "pdf", "zip"), List.of("pdf", "body", "zip"),
                List.of("pdf", "zip", "body"))) {
            // GIVEN a mail whose attachments sit before, between or after its body
            byte[] original = mail(order);
            TrackedMessage message = TrackedMessage.prepare(MessageBytes.of(original));
            assertEquals(2, message.attachmentParts().size(), order.toString());

            // WHEN the attachments are replaced by links
            TrackedMessage linked = message.withAttachmentsAsLinks(List.of(file("att_pdf", "report.pdf"),
                    file("att_zip", "data.zip")));
            byte[] copy = linked.copy(HeaderEditor.UNCHANGED, URLS, true, true);

            // THEN an independent parser finds the text and HTML only, the text untouched, two cards in the HTML
            MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(copy));
            List<Part> leaves = new ArrayList<>();
            leaves(parsed, leaves);
            assertEquals(List.of("text/plain", "text/html"), leaves.stream().map(AttachmentsAsLinksTest::type).toList(),
                    order + ": " + new String(copy, StandardCharsets.ISO_8859_1));
            assertEquals("Hello Bob, the report is attached.\r\n", leaves.get(0).getContent());
            String html = (String) leaves.get(1).getContent();
            assertTrue(html.contains(URLS.attachmentUrl(0, "att_pdf")), html);
            assertTrue(html.contains(URLS.attachmentUrl(1, "att_zip")), html);
            assertTrue(html.contains("report.pdf") && html.contains("data.zip"), html);
            // and the copy without links still carries both files, byte for byte
            MimeMessage unchanged = new MimeMessage(SESSION,
                    new ByteArrayInputStream(message.copy(HeaderEditor.UNCHANGED, URLS, true, true)));
            List<Part> all = new ArrayList<>();
            leaves(unchanged, all);
            assertEquals(4, all.size());
        }
    }

    @Test
    void nothingChangesWithoutHtmlForTheCardsOrWhenOnlyAttachmentsWouldRemain() throws Exception {
        String textOnly = "From: a@example.com\r\nTo: b@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nHi\r\n"
                + "--m\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF\r\n--m--\r\n";
        TrackedMessage message = TrackedMessage.prepare(MessageBytes.of(textOnly.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(message.attachmentParts().isEmpty(), "no HTML body: nowhere to put a link");
        assertSame(message, message.withAttachmentsAsLinks(List.of(file("att_a", "a.pdf"))));

        TrackedMessage withHtml = TrackedMessage.prepare(MessageBytes.of(mail(List.of("body", "pdf", "zip"))));
        assertSame(withHtml, withHtml.withAttachmentsAsLinks(List.of(file("att_a", "a.pdf"))), "one file per part or nothing");
    }

    private static AttachedFile file(String id, String name) {
        return new AttachedFile(id, name, 1234, "application/pdf", Attachment.Mode.DOWNLOAD);
    }

    private static byte[] mail(List<String> order) throws Exception {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom("alice@example.com");
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, "bob@example.com");
        m.setSubject("Report");
        MimeMultipart mixed = new MimeMultipart("mixed");
        for (String part : order) {
            switch (part) {
                case "body" -> {
                    MimeMultipart alternative = new MimeMultipart("alternative");
                    MimeBodyPart text = new MimeBodyPart();
                    text.setText("Hello Bob, the report is attached.\r\n", "UTF-8");
                    MimeBodyPart html = new MimeBodyPart();
                    html.setContent("<html><body><p>Hello Bob, the report is attached.</p></body></html>",
                            "text/html; charset=UTF-8");
                    alternative.addBodyPart(text);
                    alternative.addBodyPart(html);
                    MimeBodyPart wrapper = new MimeBodyPart();
                    wrapper.setContent(alternative);
                    mixed.addBodyPart(wrapper);
                }
                case "pdf" -> mixed.addBodyPart(attachment(PDF, "application/pdf", "report.pdf"));
                default -> mixed.addBodyPart(attachment(ZIP, "application/zip", "data.zip"));
            }
        }
        m.setContent(mixed);
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static MimeBodyPart attachment(byte[] bytes, String type, String name) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(bytes, type);
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static void leaves(Part part, List<Part> out) throws Exception {
        if (part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                leaves(mp.getBodyPart(i), out);
            }
        } else {
            out.add(part);
        }
    }

    private static String type(Part part) {
        try {
            return part.getContentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
