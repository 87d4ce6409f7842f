package dev.glint.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/** Messages shaped like real application mail, a GreenMail on free loopback ports, and ways to look inside. */
final class TestMails {
    static final String HTML = "<html><body><p>Grüße! Here is <a href=\"https://example.com/q3\">the report</a>"
            + " <img src=\"cid:logo@app.example\"></p></body></html>";
    static final String TEXT = "Grüße! Here is the report: https://example.com/q3";
    static final byte[] PDF = bytes(40_000, 1);
    static final byte[] LOGO = bytes(3_000, 2);

    private TestMails() {}

    /** SMTP and SMTPS on 127.0.0.1, each on a port the system picked. */
    static GreenMail greenMail() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        mail.start();
        return mail;
    }

    /** The session properties of the glint transport in front of {@code greenMail}'s plain SMTP port. */
    static Properties properties(GreenMail greenMail) {
        Properties props = new Properties();
        props.setProperty("mail.glint.api.url", "http://127.0.0.1:9");
        props.setProperty("mail.glint.api.key", "glk_test");
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        props.setProperty("mail.smtp.connectiontimeout", "10000");
        props.setProperty("mail.smtp.timeout", "10000");
        return props;
    }

    /**
     * multipart/mixed [ multipart/alternative [ text/plain, multipart/related [ text/html, inline
     * image ] ], PDF attachment ] with To, Cc, Bcc and a header of the application's own.
     */
    static MimeMessage rich(Session session, String to, String cc, String bcc) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.com", "Alice Ärger", "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setRecipients(Message.RecipientType.CC, cc);
        message.setRecipients(Message.RecipientType.BCC, bcc);
        message.setSubject("The Q3 report – final", "UTF-8");
        message.setHeader("X-App-Order", "4711");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(HTML, "UTF-8", "html");
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(LOGO, "image/png")));
        logo.setContentID("<logo@app.example>");
        logo.setDisposition(Part.INLINE);
        MimeMultipart related = new MimeMultipart("related", html, logo);
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        MimeMultipart alternative = new MimeMultipart("alternative", text, relatedPart);
        MimeBodyPart alternativePart = new MimeBodyPart();
        alternativePart.setContent(alternative);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("report.pdf");
        pdf.setDisposition(Part.ATTACHMENT);
        message.setContent(new MimeMultipart("mixed", alternativePart, pdf));
        message.saveChanges();
        return message;
    }

    /** Every leaf part of a message, depth first. */
    static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> out = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                out.addAll(leaves(child));
            }
        } else {
            out.add(part);
        }
        return out;
    }

    static Part leaf(Part message, String mimeType) throws MessagingException, IOException {
        for (Part p : leaves(message)) {
            if (p.isMimeType(mimeType)) {
                return p;
            }
        }
        throw new AssertionError("no " + mimeType + " part");
    }

    static byte[] decoded(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    static String raw(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }
}
