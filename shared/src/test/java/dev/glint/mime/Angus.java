package dev.glint.mime;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Angus Mail (Jakarta Mail) as the independent parser the relay's copies are checked against. */
final class Angus {
    static final Session SESSION = session();

    private Angus() {}

    /**
     * One leaf of a message as Angus parses it.
     *
     * @param contentType the raw Content-Type value (Angus' default when the header is missing)
     * @param decoded the transfer-decoded body, or the raw body when Angus cannot decode it
     * @param decodedByAngus whether {@code decoded} is Angus' decoding (else the raw body)
     */
    record Leaf(String contentType, String disposition, byte[] decoded, boolean decodedByAngus) {
        boolean isHtml() {
            return contentType.toLowerCase(Locale.ROOT).trim().startsWith("text/html");
        }

        boolean isAttachment() {
            return disposition.toLowerCase(Locale.ROOT).trim().startsWith("attachment");
        }
    }

    static MimeMessage parse(byte[] message) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(message));
    }

    /** The leaves of {@code message}; throws when Angus cannot parse its structure. */
    static List<Leaf> leaves(byte[] message) throws MessagingException, IOException {
        List<Leaf> out = new ArrayList<>();
        walk(parse(message), out);
        return out;
    }

    private static void walk(Part part, List<Leaf> out) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, out);
                }
                return;
            }
        }
        String type = part.getContentType() == null ? "" : part.getContentType();
        String[] disposition = part.getHeader("Content-Disposition");
        byte[] decoded;
        boolean byAngus = true;
        try (InputStream in = part.getInputStream()) {
            decoded = in.readAllBytes();
        } catch (MessagingException | IOException | RuntimeException e) {
            decoded = raw(part);
            byAngus = false;
        }
        out.add(new Leaf(type, disposition == null ? "" : disposition[0], decoded, byAngus));
    }

    /** The part's body as it stands, for encodings Angus refuses. */
    static byte[] raw(Part part) throws MessagingException, IOException {
        InputStream in = switch (part) {
            case MimeMessage m -> m.getRawInputStream();
            case MimeBodyPart b -> b.getRawInputStream();
            default -> throw new IllegalStateException("unexpected part " + part.getClass());
        };
        try (in) {
            return in.readAllBytes();
        }
    }

    /** Writes {@code message} as Angus would send it. */
    static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static Session session() {
        // Parameter values with specials ("boundary=----=_Part") are read as clients read them; Angus
        // reads this one from the system properties, once, before its first ParameterList.
        System.setProperty("mail.mime.parameters.strict", "false");
        Properties properties = new Properties();
        // As lenient as mail clients: broken base64 decodes as far as it goes instead of failing.
        properties.setProperty("mail.mime.base64.ignoreerrors", "true");
        return Session.getInstance(properties);
    }
}
