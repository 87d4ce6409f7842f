package dev.glint.relay;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the few header values the relay needs: mailbox addresses and RFC 2047 encoded words. */
final class MailHeaders {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)[ \\t]+(=\\?)");
    private static final Pattern ANGLE = Pattern.compile("<\\s*([^<>\\s]+@[^<>\\s]+)\\s*>");
    private static final Pattern BARE = Pattern.compile("(\"[^\"]*\"|[^\\s<>,;:\"()\\[\\]]+)@([^\\s<>,;:\"()\\[\\]]+)");

    private MailHeaders() {}

    /** The addresses in an address-list header value, in order, as written (lower-cased). */
    static List<String> addresses(String value) {
        String v = stripComments(value);
        List<String> out = new ArrayList<>();
        Matcher angle = ANGLE.matcher(v);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (angle.find()) {
            out.add(angle.group(1).toLowerCase(Locale.ROOT));
            rest.append(v, last, angle.start()).append(' ');
            last = angle.end();
        }
        rest.append(v.substring(last));
        // Bare addr-specs outside angle brackets, skipping display names in quotes.
        Matcher bare = BARE.matcher(rest.toString().replaceAll("\"[^\"]*\"(?!@)", " "));
        while (bare.find()) {
            out.add((bare.group(1) + "@" + bare.group(2)).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The first mailbox of a {@code From} value. */
    static Optional<String> firstAddress(String value) {
        List<String> all = addresses(value);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /** A header value with its RFC 2047 encoded words decoded; undecodable words stay as written. */
    static String decodeWords(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        String joined = BETWEEN_WORDS.matcher(value).replaceAll("$1$2"); // blanks between encoded words vanish
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decodeWord(m.group(1), m.group(2), m.group(3), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Header bytes (ISO-8859-1 chars) as text: UTF-8 when they are valid UTF-8 (RFC 6532), else as they are. */
    static String text(String latin1) {
        byte[] raw = latin1.getBytes(StandardCharsets.ISO_8859_1);
        String utf8 = new String(raw, StandardCharsets.UTF_8);
        return utf8.contains("\uFFFD") ? latin1 : utf8;
    }

    private static String decodeWord(String charsetLabel, String encoding, String text, String whole) {
        String label = charsetLabel;
        int star = label.indexOf('*'); // RFC 2231 language suffix
        if (star >= 0) {
            label = label.substring(0, star);
        }
        try {
            Charset charset = Charset.forName(label);
            byte[] bytes;
            if (encoding.equalsIgnoreCase("B")) {
                bytes = Base64.getMimeDecoder().decode(text);
            } else {
                bytes = qDecode(text);
            }
            return new String(bytes, charset);
        } catch (IllegalArgumentException e) { // unknown charset or broken base64
            return whole;
        }
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
        try {
            return Integer.parseInt(s.substring(at, at + 2), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && depth == 0 && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
                continue;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                continue;
            }
            if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
