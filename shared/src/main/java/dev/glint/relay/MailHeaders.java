package dev.glint.relay;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reading the few header values the relay needs: mailbox addresses and RFC 2047 encoded words. */
final class MailHeaders {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\r\\n]*");

    private MailHeaders() {}

    /**
     * The addresses in an address-list header value, in order, as written (lower-cased). Quoted
     * strings and comments are display text, never addresses: {@code "Boss <boss@x>" <eve@y>} is eve's.
     */
    static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        for (String mailbox : mailboxes(stripComments(value))) {
            String address = address(mailbox);
            if (address != null) {
                out.add(address.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The first mailbox of a {@code From} value. */
    static Optional<String> firstAddress(String value) {
        List<String> all = addresses(value);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /**
     * A header value with its RFC 2047 encoded words decoded; undecodable words stay as written.
     * Blanks between two decoded words vanish, and adjacent words in one charset are decoded
     * together (mailers split a character across words). Line breaks never come out of a word.
     */
    static String decodeWords(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
        Charset runCharset = null; // the charset of the decoded words not yet written
        int last = 0;
        while (m.find()) {
            String between = value.substring(last, m.start());
            Charset charset = charset(m.group(1));
            byte[] bytes = charset == null ? null : wordBytes(m.group(2), m.group(3));
            boolean adjacent = runCharset != null && BLANKS.matcher(between).matches();
            if (bytes != null && adjacent && charset.equals(runCharset)) {
                run.writeBytes(bytes);
            } else {
                if (runCharset != null) {
                    out.append(decoded(run, runCharset));
                    runCharset = null;
                }
                if (!(adjacent && bytes != null)) {
                    out.append(between);
                }
                if (bytes != null) {
                    run.reset();
                    run.writeBytes(bytes);
                    runCharset = charset;
                } else {
                    out.append(m.group());
                }
            }
            last = m.end();
        }
        if (runCharset != null) {
            out.append(decoded(run, runCharset));
        }
        return out.append(value, last, value.length()).toString();
    }

    /** Header bytes (ISO-8859-1 chars) as text: UTF-8 when they are valid UTF-8 (RFC 6532), else as they are. */
    static String text(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xff) {
                return latin1; // already text, not one char per byte
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /** Splits an address list at its top-level commas and semicolons, dropping group names ({@code name:}). */
    private static List<String> mailboxes(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        boolean literal = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\' && i + 1 < v.length()) {
                    current.append(v.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '<' -> angle = true;
                case '>' -> angle = false;
                case '[' -> literal = true;
                case ']' -> literal = false;
                default -> { }
            }
            if ((c == ',' || c == ';') && !angle && !literal) {
                out.add(current.toString());
                current.setLength(0);
            } else if (c == ':' && !angle && !literal) {
                current.setLength(0); // "name:" opens a group; the name is no address
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    /** The addr-spec of one mailbox: its angle address, else its (last) word holding an @. */
    private static @Nullable String address(String mailbox) {
        int open = outsideQuotes(mailbox, '<', 0);
        if (open >= 0) {
            int close = outsideQuotes(mailbox, '>', open);
            String spec = mailbox.substring(open + 1, close < 0 ? mailbox.length() : close).strip();
            if (spec.startsWith("@")) { // an obsolete source route, "<@relay:bob@example.com>"
                int colon = outsideQuotes(spec, ':', 0);
                spec = colon < 0 ? "" : spec.substring(colon + 1).strip();
            }
            return isAddrSpec(spec) ? spec : null;
        }
        String found = null;
        for (String word : words(mailbox)) {
            if (isAddrSpec(word) && !(word.startsWith("=?") && word.endsWith("?="))) {
                found = word;
            }
        }
        return found;
    }

    /** The blank-separated words of a mailbox, quoted strings kept whole. */
    private static List<String> words(String mailbox) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (!quoted && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(c);
            if (quoted && c == '\\' && i + 1 < mailbox.length()) {
                word.append(mailbox.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    /** A local part, an @ outside quotes, and a domain, with no blank outside quotes. */
    private static boolean isAddrSpec(String spec) {
        int at = -1;
        boolean quoted = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '@') {
                at = i;
            } else if (c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';') {
                return false;
            }
        }
        return !quoted && at > 0 && at < spec.length() - 1 && spec.indexOf('"', at) < 0;
    }

    /** The index of {@code wanted} at or after {@code from}, outside quoted strings; -1 if none. */
    private static int outsideQuotes(String s, char wanted, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static @Nullable Charset charset(String label) {
        int star = label.indexOf('*'); // RFC 2231 language suffix
        try {
            return Charset.forName(star >= 0 ? label.substring(0, star) : label);
        } catch (IllegalArgumentException e) { // unknown or illegal charset name
            return null;
        }
    }

    /** The bytes of an encoded word's text; null when it is broken. */
    private static byte @Nullable [] wordBytes(String encoding, String text) {
        if (encoding.equalsIgnoreCase("Q")) {
            return qDecode(text);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decoded words as text, control characters (a line break above all) turned into blanks. */
    private static String decoded(java.io.ByteArrayOutputStream bytes, Charset charset) {
        char[] text = new String(bytes.toByteArray(), charset).toCharArray();
        for (int i = 0; i < text.length; i++) {
            if ((text[i] < ' ' && text[i] != '\t') || text[i] == 0x7f) {
                text[i] = ' ';
            }
        }
        return new String(text);
    }

    private static byte[] qDecode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && hex(text, i + 1) >= 0) {
                out.write(hex(text, i + 1));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int hex(String s, int at) {
        if (at + 2 > s.length()) {
            return -1;
        }
        int high = Character.digit(s.charAt(at), 16);
        int low = Character.digit(s.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** The value with its comments replaced by a blank; quoted strings and their escapes kept. */
    private static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            if (quoted) {
                out.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    out.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '(') {
                depth = 1;
                out.append(' ');
            } else {
                if (c == '"') {
                    quoted = true;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The file name of an attachment part: {@code Content-Disposition}'s {@code filename} (RFC 2231
     * {@code filename*} first), else {@code Content-Type}'s {@code name}, encoded words decoded and any
     * path dropped; {@code attachment-<n>} when it has none.
     */
    static String filename(dev.glint.mime.MessageBytes bytes, dev.glint.mime.MimePart part, int index) {
        String name = null;
        String disposition = part.headerValue(bytes, "content-disposition");
        if (disposition != null) {
            dev.glint.mime.ContentType d = dev.glint.mime.ContentType.parse("x/y; " + disposition.substring(
                    disposition.indexOf(';') < 0 ? disposition.length() : disposition.indexOf(';') + 1),
                    dev.glint.mime.ContentType.TEXT_PLAIN);
            name = extended(d.parameter("filename*"));
            if (name == null) {
                name = d.parameter("filename");
            }
        }
        if (name == null) {
            name = part.contentType().parameter("name");
        }
        if (name == null || name.isBlank()) {
            return "attachment-" + (index + 1);
        }
        String decoded = decodeWords(text(name)).strip();
        int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
        decoded = decoded.substring(slash + 1).replaceAll("\\p{Cntrl}", "");
        return decoded.isBlank() ? "attachment-" + (index + 1) : decoded;
    }

    /** An RFC 2231 extended value {@code charset'lang'percent-encoded}, decoded; null when absent or broken. */
    private static @org.jspecify.annotations.Nullable String extended(@org.jspecify.annotations.Nullable String value) {
        if (value == null) {
            return null;
        }
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            Charset charset = Charset.forName(value.substring(0, first).isEmpty() ? "US-ASCII" : value.substring(0, first));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            String encoded = value.substring(second + 1);
            for (int i = 0; i < encoded.length(); i++) {
                char c = encoded.charAt(i);
                if (c == '%' && hex(encoded, i + 1) >= 0) {
                    out.write(hex(encoded, i + 1));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            return out.toString(charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
