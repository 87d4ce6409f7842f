package dev.glint.mime;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One entity of a message as found in its bytes: its header fields, its body span, and for a
 * multipart its children. Nothing is decoded or copied: positions point into the message.
 *
 * @param start where the entity's header begins
 * @param bodyStart where its body begins (after the blank line, or where the header ran out)
 * @param bodyEnd where its body ends (exclusive; the line break before the next boundary belongs to the boundary)
 * @param children the parts of a multipart whose boundary was found; empty otherwise
 * @param depth 0 for the message itself
 */
public record MimePart(
        int start,
        int bodyStart,
        int bodyEnd,
        List<HeaderField> headers,
        ContentType contentType,
        String transferEncoding,
        String disposition,
        List<MimePart> children,
        int depth) {

    public MimePart {
        headers = List.copyOf(headers);
        children = List.copyOf(children);
    }

    /** The first field called {@code name}, if any. */
    public @Nullable HeaderField header(String name) {
        for (HeaderField field : headers) {
            if (field.is(name)) {
                return field;
            }
        }
        return null;
    }

    /** The unfolded value of the first field called {@code name}, or null. */
    public @Nullable String headerValue(MessageBytes bytes, String name) {
        HeaderField field = header(name);
        return field == null ? null : field.value(bytes);
    }

    public boolean isMultipart() {
        return contentType.isMultipart();
    }

    /** Whether the part is an attachment by its disposition. */
    public boolean isAttachment() {
        return disposition.equals("attachment");
    }

    /** The leaves of this part's tree, in order (the part itself when it has no children). */
    public List<MimePart> leaves() {
        if (children.isEmpty()) {
            return List.of(this);
        }
        return children.stream().flatMap(c -> c.leaves().stream()).toList();
    }

    static String normalizeEncoding(@Nullable String value) {
        return value == null ? "7bit" : value.trim().toLowerCase(Locale.ROOT);
    }
}
