package dev.glint.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a copy's top-level header fields: each field kept as it is, changed or left out, and new
 * fields appended. Fields are written with their own line breaks; {@code lineBreak} is the
 * message's, for new fields.
 */
@FunctionalInterface
public interface HeaderEditor {
    /** Keeps every field as it is. */
    HeaderEditor UNCHANGED = (fields, bytes, lineBreak, out) -> {
        for (HeaderField field : fields) {
            bytes.writeTo(out, field.start(), field.end());
        }
    };

    void write(List<HeaderField> fields, MessageBytes bytes, String lineBreak, OutputStream out) throws IOException;
}
