package dev.glint.mime;

import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.rewrite.TrackedLink;
import dev.glint.rewrite.TrackingUrls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A raw message prepared once for per-recipient copies: its HTML body parts are decoded and
 * parsed ({@link MailTemplate}), everything else stays where it is in the original bytes. A copy
 * is those bytes with the top-level header fields edited and each HTML body re-encoded after
 * stamping, so every other part (text, attachments, inline images, attached messages, reports)
 * is copied byte for byte. Reports (DSNs, MDNs, ARF complaints) and HTML inside attached
 * messages or attachments are never tracked.
 */
public final class TrackedMessage {
    /** SMTP's limit on a line (RFC 5321 4.5.3.1.6), without its line break. */
    private static final int MAX_LINE = 998;

    private final MessageBytes bytes;
    private final MimePart root;
    private final List<HtmlBody> htmlBodies;
    private final List<TrackedLink> links;
    private final List<String> untracked;
    private final String lineBreak;
    /** Spans of the original a copy leaves out (attachments replaced by links), in order. */
    private final List<int[]> dropped;

    private TrackedMessage(MessageBytes bytes, MimePart root, List<HtmlBody> htmlBodies, List<TrackedLink> links,
            List<String> untracked, String lineBreak, List<int[]> dropped) {
        this.bytes = bytes;
        this.root = root;
        this.htmlBodies = htmlBodies;
        this.links = links;
        this.untracked = untracked;
        this.lineBreak = lineBreak;
        this.dropped = dropped;
    }

    /** Scans and prepares {@code message}; never throws on malformed mail (untrackable parts are carried as they are). */
    public static TrackedMessage prepare(MessageBytes message) {
        MessageBytes bytes = withFinalLineBreak(message);
        MimePart root = MimeScanner.scan(bytes);
        List<HtmlBody> bodies = new ArrayList<>();
        List<TrackedLink> links = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        if (reportType(root).isEmpty()) {
            collect(bytes, root, bodies, links, untracked);
        } else {
            untracked.add("a delivery, disposition or feedback report is never tracked");
        }
        return new TrackedMessage(bytes, root, List.copyOf(bodies), List.copyOf(links), List.copyOf(untracked),
                lineBreakOf(bytes, root), List.of());
    }

    /**
     * The parts a sender may have replaced by tracked links: leaves with {@code Content-Disposition:
     * attachment} in the message's own multipart tree (not inline images, not inside attached
     * messages), never in a report; empty when the message has no HTML body to carry the links.
     */
    public List<MimePart> attachmentParts() {
        if (htmlBodies.isEmpty() || reportType().isPresent()) {
            return List.of();
        }
        return root.leaves().stream().filter(p -> p != root && p.isAttachment()).toList();
    }

    /**
     * This message with the {@link #attachmentParts()} left out of every copy and a link card per
     * file in the first HTML body instead ({@code files} in the same order; each card links to the
     * recipient's {@link TrackingUrls#attachmentUrl}). Unchanged when there is nothing to replace or
     * the HTML has no place where the cards would show.
     */
    public TrackedMessage withAttachmentsAsLinks(List<dev.glint.model.AttachedFile> files) {
        List<MimePart> parts = attachmentParts();
        if (parts.isEmpty() || files.size() != parts.size()) {
            return this;
        }
        HtmlBody first = htmlBodies.getFirst();
        MailTemplate carded = MailTemplate.parse(first.text.text(), null, files);
        if (!carded.showsAttachments()) {
            return this;
        }
        List<HtmlBody> bodies = new ArrayList<>(htmlBodies);
        bodies.set(0, new HtmlBody(first.part, carded, first.text, first.offset));
        java.util.Map<MimePart, List<MimePart>> byParent = new java.util.LinkedHashMap<>();
        for (MimePart part : parts) {
            byParent.computeIfAbsent(parent(root, part), k -> new ArrayList<>()).add(part);
        }
        List<int[]> spans = new ArrayList<>();
        for (java.util.Map.Entry<MimePart, List<MimePart>> e : byParent.entrySet()) {
            if (e.getValue().size() == e.getKey().children().size()) {
                return this; // a multipart of attachments only would be left empty: keep them
            }
            spans.addAll(dropSpans(e.getKey(), e.getValue()));
        }
        spans.sort(java.util.Comparator.comparingInt(span -> span[0]));
        return new TrackedMessage(bytes, root, List.copyOf(bodies), links, untracked, lineBreak, List.copyOf(spans));
    }

    /**
     * What leaves parts out of their multipart: a part followed by another is its header, body and
     * the delimiter line after it (the delimiter before it then introduces the next part); the
     * parts at the end go with the delimiter lines before them, from the end of the last part kept
     * (the closing delimiter then follows that part).
     */
    private static List<int[]> dropSpans(MimePart parent, List<MimePart> drop) {
        List<MimePart> siblings = parent.children();
        int lastKept = -1;
        for (int i = 0; i < siblings.size(); i++) {
            if (!drop.contains(siblings.get(i))) {
                lastKept = i;
            }
        }
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < lastKept; i++) {
            if (drop.contains(siblings.get(i))) {
                spans.add(new int[] {siblings.get(i).start(), siblings.get(i + 1).start()});
            }
        }
        if (lastKept < siblings.size() - 1) {
            spans.add(new int[] {siblings.get(lastKept).bodyEnd(), siblings.getLast().bodyEnd()});
        }
        return spans;
    }

    private static MimePart parent(MimePart from, MimePart child) {
        for (MimePart c : from.children()) {
            if (c == child) {
                return from;
            }
            if (!c.children().isEmpty()) {
                MimePart found = parent(c, child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * A message that is all header and ends without a line break gets one, so that its last field
     * ends like every other and a header editor can append fields after it.
     */
    private static MessageBytes withFinalLineBreak(MessageBytes message) {
        int n = message.length();
        if (n == 0 || message.at(n - 1) == '\n') {
            return message;
        }
        MimePart root = MimeScanner.scan(message);
        if (root.bodyStart() < n || root.headers().isEmpty()) {
            return message;
        }
        int lf = message.lineFeed(0, n);
        boolean crlf = lf == n || (lf > 0 && message.at(lf - 1) == '\r');
        byte[] out = java.util.Arrays.copyOf(message.bytes(0, n), n + (crlf ? 2 : 1));
        if (crlf) {
            out[n] = '\r';
        }
        out[out.length - 1] = '\n';
        return MessageBytes.of(out);
    }

    /** The message's tree. */
    public MimePart root() {
        return root;
    }

    public MessageBytes bytes() {
        return bytes;
    }

    /** The report type when this is a report anywhere in its multipart tree ({@code delivery-status}, ...). */
    public Optional<String> reportType() {
        return reportType(root);
    }

    /** The tracked links of all HTML bodies, indexes continuing from one body to the next. */
    public List<TrackedLink> trackedLinks() {
        return links;
    }

    /** How many HTML bodies a copy rewrites (0: the copy is the message with edited headers). */
    public int htmlBodies() {
        return htmlBodies.size();
    }

    /** Why HTML that was found is carried untracked (unknown encoding, charset, ...). */
    public List<String> untrackedReasons() {
        return untracked;
    }

    /** The message's line break ({@code "\r\n"} unless it uses bare LF). */
    public String lineBreak() {
        return lineBreak;
    }

    /**
     * Writes one recipient's copy. The first HTML body carries the pixel and beacons (one open per
     * render, however many HTML bodies a client shows); every body's links are rewritten.
     */
    public void writeCopy(OutputStream out, HeaderEditor headers, TrackingUrls urls, boolean trackOpens,
            boolean trackClicks) throws IOException {
        for (Segment segment : plan(headers, urls, trackOpens, trackClicks)) {
            if (segment.bytes != null) {
                out.write(segment.bytes);
            } else {
                bytes.writeTo(out, segment.start, segment.end);
            }
        }
    }

    /** One copy as bytes, in one array of exactly its size (a 25 MB message costs 25 MB per copy, not 4 times that). */
    public byte[] copy(HeaderEditor headers, TrackingUrls urls, boolean trackOpens, boolean trackClicks) {
        List<Segment> plan;
        try {
            plan = plan(headers, urls, trackOpens, trackClicks);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the plan writes to memory only
        }
        long size = 0;
        for (Segment segment : plan) {
            size += segment.length();
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a copy over 2 GiB");
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (Segment segment : plan) {
            if (segment.bytes != null) {
                System.arraycopy(segment.bytes, 0, out, at, segment.bytes.length);
            } else {
                bytes.copyTo(segment.start, segment.end, out, at);
            }
            at += segment.length();
        }
        return out;
    }

    /**
     * The copy as a list of pieces: spans of the original and the bytes that replace the rest
     * (the edited header, re-encoded HTML bodies, a part header whose transfer encoding changed).
     */
    private List<Segment> plan(HeaderEditor headers, TrackingUrls urls, boolean trackOpens, boolean trackClicks)
            throws IOException {
        List<Rendered> rendered = new ArrayList<>(htmlBodies.size());
        boolean rootReencoded = false;
        for (int i = 0; i < htmlBodies.size(); i++) {
            HtmlBody body = htmlBodies.get(i);
            RewrittenMail copy = body.template.stamp(body.offsetUrls(urls), trackOpens && i == 0, trackClicks);
            Optional<byte[]> characters = body.text.encode(copy.html());
            if (characters.isEmpty()) {
                continue; // cannot happen for ASCII insertions into text of its own charset; carried as it was if it does
            }
            String encoding = body.part.transferEncoding();
            if (isIdentity(encoding) && TransferCodec.longestLine(characters.get()) > MAX_LINE) {
                encoding = "quoted-printable"; // rewritten links made a line too long for SMTP
            }
            rendered.add(new Rendered(body.part, encoding, TransferCodec.encode(characters.get(), encoding, lineBreak)));
            rootReencoded |= body.part == root && !encoding.equals(root.transferEncoding());
        }

        List<Segment> plan = new ArrayList<>(4 + 3 * rendered.size());
        List<HeaderField> topFields = root.headers();
        if (rootReencoded) {
            topFields = topFields.stream().filter(f -> !f.is("Content-Transfer-Encoding")).toList();
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(fieldsEnd(root) - root.start() + 512);
        headers.write(topFields, bytes, lineBreak, header);
        if (rootReencoded) {
            header.write(ascii("Content-Transfer-Encoding: quoted-printable" + lineBreak));
        }
        plan.add(Segment.of(header.toByteArray()));
        // Replacements in position order: re-encoded HTML bodies (with their part header when the
        // transfer encoding changed) and left-out attachments; the original fills the gaps.
        List<Edit> edits = new ArrayList<>(rendered.size() + dropped.size());
        for (Rendered r : rendered) {
            if (r.part != root && !r.encoding.equals(r.part.transferEncoding())) {
                ByteArrayOutputStream partHeader = new ByteArrayOutputStream(r.part.bodyStart() - r.part.start() + 64);
                writePartHeader(partHeader, r.part, r.encoding);
                partHeader.write(r.body);
                edits.add(new Edit(r.part.start(), r.part.bodyEnd(), partHeader.toByteArray()));
            } else {
                edits.add(new Edit(r.part.bodyStart(), r.part.bodyEnd(), r.body));
            }
        }
        for (int[] span : dropped) {
            edits.add(new Edit(span[0], span[1], new byte[0]));
        }
        edits.sort(java.util.Comparator.comparingInt(Edit::start));
        int cursor = fieldsEnd(root);
        for (Edit e : edits) {
            plan.add(Segment.raw(cursor, e.start));
            plan.add(Segment.of(e.bytes));
            cursor = e.end;
        }
        plan.add(Segment.raw(cursor, bytes.length()));
        return plan;
    }

    /** A span {@code [start, end)} of the original, or replacement {@code bytes}. */
    private record Segment(int start, int end, byte @Nullable [] bytes) {
        static Segment raw(int start, int end) {
            return new Segment(start, end, null);
        }

        static Segment of(byte[] bytes) {
            return new Segment(0, 0, bytes);
        }

        int length() {
            return bytes != null ? bytes.length : end - start;
        }
    }

    private record Rendered(MimePart part, String encoding, byte[] body) {}

    private record Edit(int start, int end, byte[] bytes) {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean endsWithLineFeed(int end) {
        return end > 0 && bytes.at(end - 1) == '\n';
    }

    private static boolean isIdentity(String encoding) {
        return encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    }

    /** The part's header fields with its Content-Transfer-Encoding set to {@code encoding}, and its blank line. */
    private void writePartHeader(OutputStream out, MimePart part, String encoding) throws IOException {
        byte[] field = ascii("Content-Transfer-Encoding: " + encoding + lineBreak);
        boolean written = false;
        int cursor = part.start();
        for (HeaderField f : part.headers()) {
            if (f.is("Content-Transfer-Encoding")) {
                bytes.writeTo(out, cursor, f.start());
                if (!written) {
                    out.write(field);
                    written = true;
                }
                cursor = f.end();
            }
        }
        int fieldsEnd = fieldsEnd(part);
        bytes.writeTo(out, cursor, fieldsEnd);
        if (!written) {
            out.write(field);
        }
        bytes.writeTo(out, fieldsEnd, part.bodyStart()); // tracked parts have their blank line
    }

    /** Where a part's header fields end: its blank line, if any, lies between this and its body. */
    private static int fieldsEnd(MimePart part) {
        return part.headers().isEmpty() ? part.start() : part.headers().getLast().end();
    }

    private static Optional<String> reportType(MimePart part) {
        if (part.contentType().is("multipart/report")) {
            String type = part.contentType().parameter("report-type");
            return Optional.of(type == null ? "unknown" : type.toLowerCase(java.util.Locale.ROOT));
        }
        if (part.contentType().is("message/disposition-notification")
                || part.contentType().is("message/delivery-status")
                || part.contentType().is("message/feedback-report")) {
            return Optional.of(part.contentType().subtype());
        }
        for (MimePart child : part.children()) {
            Optional<String> inner = reportType(child);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static void collect(MessageBytes bytes, MimePart part, List<HtmlBody> bodies, List<TrackedLink> links,
            List<String> untracked) {
        if (part.isMultipart()) {
            for (MimePart child : part.children()) {
                collect(bytes, child, bodies, links, untracked);
            }
            return;
        }
        if (!part.contentType().is("text/html") || part.isAttachment()) {
            return; // attachments, attached messages and everything not HTML travel as they are
        }
        if (part.bodyStart() == fieldsEnd(part)) {
            // Without a blank line, parsers disagree on where the header ends: a rewrite could change either.
            untracked.add("HTML part whose header has no blank line after it is carried untracked");
            return;
        }
        if (!TransferCodec.supports(part.transferEncoding())) {
            untracked.add("HTML part with transfer encoding " + part.transferEncoding() + " is carried untracked");
            return;
        }
        byte[] raw = bytes.bytes(part.bodyStart(), part.bodyEnd());
        Optional<byte[]> decoded = TransferCodec.decode(raw, part.transferEncoding());
        Optional<PartText> text = decoded.flatMap(d -> PartText.decode(d, part.contentType().parameter("charset")));
        if (text.isEmpty()) {
            untracked.add("HTML part in charset " + part.contentType().parameter("charset") + " is carried untracked");
            return;
        }
        MailTemplate template = MailTemplate.parse(text.get().text(), null);
        int offset = links.size();
        for (TrackedLink link : template.trackedLinks()) {
            links.add(new TrackedLink(offset + link.index(), link.destination()));
        }
        bodies.add(new HtmlBody(part, template, text.get(), offset));
    }

    private static String lineBreakOf(MessageBytes bytes, MimePart root) {
        int limit = Math.min(bytes.length(), Math.max(root.bodyStart(), 1));
        int lf = bytes.lineFeed(0, limit);
        return lf < limit && lf > 0 && bytes.at(lf - 1) == '\r' ? "\r\n" : lf < limit ? "\n" : "\r\n";
    }

    private record HtmlBody(MimePart part, MailTemplate template, PartText text, int offset) {
        TrackingUrls offsetUrls(TrackingUrls urls) {
            return urls.withLinksFrom(offset);
        }
    }
}
