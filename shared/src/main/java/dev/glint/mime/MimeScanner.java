package dev.glint.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a message's structure in one pass over its bytes, tolerating what real mail does wrong:
 * bare LF or mixed line endings, missing closing boundaries, headers without a blank line after
 * them, unknown encodings. A multipart whose boundary never appears is kept as one opaque body; so
 * is everything below {@link #MAX_DEPTH} or past {@link #MAX_PARTS} parts. {@code message/rfc822}
 * bodies are not descended into: an attached message is carried as it is.
 */
public final class MimeScanner {
    /** Nesting deeper than this is carried as opaque bodies. */
    public static final int MAX_DEPTH = 40;
    /** More entities than this and the rest are carried as opaque bodies. */
    public static final int MAX_PARTS = 5_000;

    private final MessageBytes bytes;
    private int parts;

    private MimeScanner(MessageBytes bytes) {
        this.bytes = bytes;
    }

    /** The message's tree; never throws on malformed input. */
    public static MimePart scan(MessageBytes bytes) {
        return new MimeScanner(bytes).entity(0, bytes.length(), 0, ContentType.TEXT_PLAIN);
    }

    private MimePart entity(int start, int end, int depth, ContentType defaultType) {
        parts++;
        List<HeaderField> headers = new ArrayList<>();
        int bodyStart = headers(start, end, headers);
        String typeValue = null;
        String encodingValue = null;
        String dispositionValue = null;
        for (HeaderField field : headers) {
            if (typeValue == null && field.is("Content-Type")) {
                typeValue = field.value(bytes);
            } else if (encodingValue == null && field.is("Content-Transfer-Encoding")) {
                encodingValue = field.value(bytes);
            } else if (dispositionValue == null && field.is("Content-Disposition")) {
                dispositionValue = field.value(bytes);
            }
        }
        ContentType type = ContentType.parse(typeValue, defaultType);
        String encoding = MimePart.normalizeEncoding(encodingValue);
        String disposition = ContentType.disposition(dispositionValue);
        List<MimePart> children = List.of();
        String boundary = type.parameter("boundary");
        if (type.isMultipart() && boundary != null && !boundary.isEmpty() && depth < MAX_DEPTH && parts < MAX_PARTS) {
            ContentType childDefault = type.subtype().equals("digest") ? ContentType.MESSAGE_RFC822 : ContentType.TEXT_PLAIN;
            children = multipart(bodyStart, end, boundary, depth + 1, childDefault);
        }
        return new MimePart(start, bodyStart, end, headers, type, encoding, disposition, children, depth);
    }

    /** Reads header fields from {@code start}; returns where the body begins. */
    private int headers(int start, int end, List<HeaderField> out) {
        int at = start;
        String name = null;
        int fieldStart = -1;
        boolean named = false;
        while (at < end) {
            int lf = bytes.lineFeed(at, end);
            int next = Math.min(lf + 1, end);
            int contentEnd = lf > at && lf < end && bytes.at(lf - 1) == '\r' ? lf - 1 : lf;
            if (contentEnd == at) { // the blank line
                if (name != null) {
                    out.add(new HeaderField(name, fieldStart, at));
                }
                return next;
            }
            byte first = bytes.at(at);
            if ((first == ' ' || first == '\t') && name != null) {
                at = next; // a folded continuation of the current field
                continue;
            }
            int colon = fieldName(at, contentEnd);
            if (name != null) {
                out.add(new HeaderField(name, fieldStart, at));
                name = null;
            }
            if (colon > at) {
                name = bytes.latin1(at, colon).trim();
                fieldStart = at;
                named = true;
            } else if (at == start && bytes.startsWith(at, end, MBOX_FROM)) {
                out.add(new HeaderField("", at, next)); // an mbox "From " line: kept as it is
            } else if (!named && isBlank(at, contentEnd)) {
                out.add(new HeaderField("", at, next)); // blanks before the first field: kept, the fields follow
            } else {
                return at; // not a header line: the body starts here (no blank line was written)
            }
            at = next;
        }
        if (name != null) {
            out.add(new HeaderField(name, fieldStart, end));
        }
        return end;
    }

    /** Whether {@code [from, to)} holds only spaces and tabs (and at least one). */
    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes.at(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return to > from;
    }

    private static final byte[] MBOX_FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    /** The colon ending a valid field name at {@code at}, or -1. */
    private int fieldName(int at, int lineEnd) {
        for (int i = at; i < lineEnd; i++) {
            byte b = bytes.at(i);
            if (b == ':') {
                return i > at ? i : -1;
            }
            if (b <= 32 || b >= 127) {
                // RFC 5322 names are printable ASCII without spaces; allow spaces before the colon ("Subject :").
                if (b == ' ' || b == '\t') {
                    int j = i;
                    while (j < lineEnd && (bytes.at(j) == ' ' || bytes.at(j) == '\t')) {
                        j++;
                    }
                    return j < lineEnd && bytes.at(j) == ':' ? j : -1;
                }
                return -1;
            }
        }
        return -1;
    }

    /** Splits a multipart body at its delimiter lines; none found: no children (kept opaque). */
    private List<MimePart> multipart(int start, int end, String boundary, int depth, ContentType childDefault) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> spans = new ArrayList<>(); // [part start, part end]
        int partStart = -1;
        int at = start;
        while (at < end) {
            int lf = bytes.lineFeed(at, end);
            if (bytes.startsWith(at, end, delimiter) && isDelimiterLine(at + delimiter.length, lf)) {
                boolean close = at + delimiter.length + 1 < end
                        && bytes.at(at + delimiter.length) == '-' && bytes.at(at + delimiter.length + 1) == '-';
                if (partStart >= 0) {
                    spans.add(new int[] {partStart, Math.max(partStart, lineBreakBefore(at, partStart))});
                }
                if (close) {
                    partStart = -1;
                    break; // the epilogue follows: part of the multipart's body, never a part
                }
                partStart = Math.min(lf + 1, end);
            }
            at = lf + 1;
        }
        if (partStart >= 0) {
            spans.add(new int[] {partStart, end}); // no closing delimiter: the last part runs to the end
        }
        List<MimePart> children = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            if (parts >= MAX_PARTS) {
                break;
            }
            children.add(entity(span[0], span[1], depth, childDefault));
        }
        return children;
    }

    /** After "--boundary": "--" and/or blanks only, up to the line end. */
    private boolean isDelimiterLine(int from, int lf) {
        int i = from;
        if (i + 1 < lf && bytes.at(i) == '-' && bytes.at(i + 1) == '-') {
            i += 2;
        }
        for (; i < lf; i++) {
            byte b = bytes.at(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Where the line break before the delimiter at {@code delimiterAt} starts (it belongs to the delimiter). */
    private int lineBreakBefore(int delimiterAt, int floor) {
        int i = delimiterAt;
        if (i > floor && bytes.at(i - 1) == '\n') {
            i--;
            if (i > floor && bytes.at(i - 1) == '\r') {
                i--;
            }
        }
        return i;
    }
}
