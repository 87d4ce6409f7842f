package dev.glint.mime;

import java.util.Locale;

/**
 * One header field as it stands in the message: {@code [start, end)} covers its name, its value,
 * its folded continuation lines and its final line break.
 *
 * @param name the field name as written, or "" for a line that is no field (kept as it is)
 */
public record HeaderField(String name, int start, int end) {

    /** Whether this field is called {@code other}, ignoring case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The lower-case name. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The value unfolded (line breaks removed) and trimmed, as ISO-8859-1 text: raw bytes, one char each. */
    public String value(MessageBytes bytes) {
        String raw = bytes.latin1(start, end);
        int colon = raw.indexOf(':');
        String value = colon < 0 ? raw : raw.substring(colon + 1);
        return value.replace("\r\n", "").replace("\n", "").replace("\r", "").trim();
    }
}
