package dev.glint.mime;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code Content-Type} (or {@code Content-Disposition}) value: lenient, as mail in the
 * wild needs (stray semicolons, unquoted specials, missing values); parameter names lower-cased.
 *
 * @param type e.g. {@code text}, lower case
 * @param subtype e.g. {@code html}, lower case
 */
public record ContentType(String type, String subtype, Map<String, String> parameters) {
    public static final ContentType TEXT_PLAIN = new ContentType("text", "plain", Map.of());
    public static final ContentType MESSAGE_RFC822 = new ContentType("message", "rfc822", Map.of());

    public ContentType {
        parameters = Map.copyOf(parameters);
    }

    /** Parses a field value; null or unparseable values give {@code fallback}. */
    public static ContentType parse(@Nullable String value, ContentType fallback) {
        if (value == null) {
            return fallback;
        }
        String stripped = stripComments(value);
        int semi = stripped.indexOf(';');
        String media = (semi < 0 ? stripped : stripped.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash <= 0 || slash == media.length() - 1 || media.indexOf(' ') >= 0) {
            return new ContentType(fallback.type, fallback.subtype, parameters(stripped, semi));
        }
        String type = media.substring(0, slash).trim();
        String subtype = media.substring(slash + 1).trim();
        return new ContentType(type, subtype, parameters(stripped, semi));
    }

    /** The first token of a {@code Content-Disposition} value, lower case ("attachment", "inline"), or "". */
    public static String disposition(@Nullable String value) {
        if (value == null) {
            return "";
        }
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The media type, e.g. {@code text/html}. */
    public String mediaType() {
        return type + "/" + subtype;
    }

    public boolean is(String mediaType) {
        return mediaType.equals(type + "/" + subtype);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    public @Nullable String parameter(String name) {
        return parameters.get(name);
    }

    private static Map<String, String> parameters(String value, int semi) {
        Map<String, String> out = new LinkedHashMap<>();
        if (semi < 0) {
            return out;
        }
        int i = semi + 1;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ';' || Character.isWhitespace(value.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';') {
                i++;
            }
            String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || value.charAt(i) == ';') {
                continue; // a name without a value
            }
            i++; // '='
            while (i < n && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                while (i < n && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(value.charAt(i++));
                }
                i++; // closing quote (or past the end)
                while (i < n && value.charAt(i) != ';') {
                    i++;
                }
            } else {
                while (i < n && value.charAt(i) != ';') {
                    v.append(value.charAt(i++));
                }
            }
            String parameterValue = v.toString().trim();
            if (!name.isEmpty()) {
                out.putIfAbsent(name, parameterValue); // the first one wins, as in most mail clients
            }
        }
        return out;
    }

    private static String stripComments(String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.length()) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1)); // an escaped quote or parenthesis is no delimiter
                }
                i++;
                continue;
            }
            if (c == '"' && depth == 0) {
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
