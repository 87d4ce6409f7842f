package dev.glint.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's top-level header split into its fields as raw text (ISO-8859-1: one char per byte),
 * written apart from {@link MimeScanner} so the copies' headers are checked against a second reading.
 */
record RawHeader(List<String> fields, int end) {

    /**
     * The fields up to the blank line, or up to the first line that is neither a field nor a
     * continuation; an mbox "From " line and blank lines before the first field count as fields.
     */
    static RawHeader of(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        int at = 0;
        while (at < text.length()) {
            int lf = text.indexOf('\n', at);
            int next = lf < 0 ? text.length() : lf + 1;
            String line = text.substring(at, next);
            String content = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                    : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (content.isEmpty()) {
                break;
            }
            char first = content.charAt(0);
            if ((first == ' ' || first == '\t') && current != null) {
                current.append(line);
            } else if (current == null && content.isBlank()) {
                fields.add(line); // blanks before the first field: a line of their own
            } else if (isField(content) || (at == 0 && content.startsWith("From "))) {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                break;
            }
            at = next;
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return new RawHeader(fields, at);
    }

    private static boolean isField(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String name = line.substring(0, colon).stripTrailing();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127) {
                return false;
            }
        }
        return true;
    }

    static boolean is(String field, String name) {
        int colon = field.indexOf(':');
        return colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase(name);
    }
}
