package dev.glint.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The HTML and text bodies of a message: the first {@code text/html} and the first {@code
 * text/plain} part that is not an attachment, found through multipart/alternative, related and
 * mixed. A copy gets new bodies in exactly those parts; every other part stays byte for byte.
 */
final class MessageBodies {
    /** A body: where it is (part indices from the message down) and its decoded text. */
    record Body(List<Integer> path, String content) {}

    private @Nullable Body html;
    private @Nullable Body text;

    private MessageBodies() {}

    static MessageBodies of(MimeMessage message) throws MessagingException {
        MessageBodies bodies = new MessageBodies();
        try {
            bodies.walk(message, List.of());
        } catch (IOException e) {
            throw new MessagingException("the message's body could not be read: " + e, e);
        }
        return bodies;
    }

    Optional<Body> html() {
        return Optional.ofNullable(html);
    }

    Optional<Body> text() {
        return Optional.ofNullable(text);
    }

    private void walk(Part part, List<Integer> path) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            if (!(part.getContent() instanceof Multipart multipart)) {
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                List<Integer> child = new ArrayList<>(path);
                child.add(i);
                walk(multipart.getBodyPart(i), List.copyOf(child));
            }
            return;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            return;
        }
        if (html == null && part.isMimeType("text/html")) {
            html = new Body(path, content(part));
        } else if (text == null && part.isMimeType("text/plain")) {
            text = new Body(path, content(part));
        }
    }

    private static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        throw new MessagingException("a " + part.getContentType() + " part did not decode to text");
    }

    /**
     * Puts {@code content} in the part at {@code path} of {@code copy}, keeping its content type and
     * charset (UTF-8 only when the charset cannot hold the new text); the transfer encoding is
     * chosen again when the copy is saved.
     */
    static void replace(MimeMessage copy, List<Integer> path, String content) throws MessagingException {
        Part part = copy;
        try {
            for (int index : path) {
                if (!(part.getContent() instanceof Multipart multipart)) {
                    throw new MessagingException("the copy's structure differs from the message's");
                }
                BodyPart child = multipart.getBodyPart(index);
                part = child;
            }
        } catch (IOException e) {
            throw new MessagingException("the copy's body could not be read: " + e, e);
        }
        ContentType type = new ContentType(part.getContentType());
        String charset = type.getParameter("charset");
        if (charset == null || !encodable(charset, content)) {
            charset = charset == null && StandardCharsets.US_ASCII.newEncoder().canEncode(content) ? "us-ascii" : "UTF-8";
        }
        type.setParameter("charset", charset);
        part.setContent(content, type.toString());
    }

    private static boolean encodable(String mimeCharset, String content) {
        try {
            return Charset.forName(MimeUtility.javaCharset(mimeCharset)).newEncoder().canEncode(content);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
