package dev.glint.rewrite;

import dev.glint.model.AttachedFile;
import dev.glint.model.Attachment;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The link cards of a mail's attachments, rendered once: per recipient only the URLs are put in.
 * In HTML each card is a small table with inline styles and no image (a type label, the name, the
 * size and a View or Download button); in text, one line "📎 name (size): URL" per attachment.
 */
final class AttachmentCards {
    static final AttachmentCards NONE = new AttachmentCards(List.of());

    /** Longer names are cut in the middle, keeping the end where the extension is. */
    static final int MAX_NAME = 64;
    private static final int KEPT_END = 16;
    /** The full name shows on hover, within reason. */
    private static final int MAX_TITLE = 255;
    /** Marks the card's table, so a reader of the copy (or a test) can find it. */
    static final String CARD_CLASS = "glint-att";
    private static final String FONT = "Arial,Helvetica,sans-serif";
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("application/pdf", "PDF"),
            Map.entry("image/png", "PNG"),
            Map.entry("image/jpeg", "JPG"),
            Map.entry("image/gif", "GIF"),
            Map.entry("image/webp", "WEBP"),
            Map.entry("video/mp4", "MP4"),
            Map.entry("video/webm", "WEBM"),
            Map.entry("video/quicktime", "MOV"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
            Map.entry("application/zip", "ZIP"),
            Map.entry("text/plain", "TXT"),
            Map.entry("text/csv", "CSV"));

    private final List<AttachedFile> cards;
    /** Per card: the markup before its URL, between the two URLs, and after the second. */
    private final String[][] html;
    /** Per card: the text line up to its URL. */
    private final String[] text;

    AttachmentCards(List<AttachedFile> cards) {
        this.cards = List.copyOf(cards);
        this.html = new String[this.cards.size()][];
        this.text = new String[this.cards.size()];
        for (int i = 0; i < this.cards.size(); i++) {
            AttachedFile card = this.cards.get(i);
            html[i] = htmlSegments(card);
            text[i] = "📎 " + displayName(card.filename()) + " (" + humanSize(card.size()) + "): ";
        }
    }

    boolean isEmpty() {
        return cards.isEmpty();
    }

    /** One recipient's URL for each card, asked of {@code urls} once per card. */
    String[] urls(TrackingUrls urls) {
        String[] out = new String[cards.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = urls.attachmentUrl(i, cards.get(i).id());
        }
        return out;
    }

    /** The cards' markup with these URLs, one table per attachment. */
    String html(String[] urls) {
        StringBuilder out = new StringBuilder(1200 * urls.length);
        for (int i = 0; i < urls.length; i++) {
            String url = SourceTemplate.attributeValue(urls[i]);
            out.append(html[i][0]).append(url).append(html[i][1]).append(url).append(html[i][2]);
        }
        return out.toString();
    }

    /** The text lines with these URLs, after a blank line, each ended by {@code lineBreak}. */
    String text(String[] urls, String lineBreak, boolean sourceEndsWithLineBreak) {
        StringBuilder out = new StringBuilder(200 * urls.length).append(lineBreak);
        if (!sourceEndsWithLineBreak) {
            out.append(lineBreak);
        }
        for (int i = 0; i < urls.length; i++) {
            out.append(text[i]).append(urls[i]).append(lineBreak);
        }
        return out.toString();
    }

    private static String[] htmlSegments(AttachedFile card) {
        String name = displayName(card.filename());
        String action = card.mode() == Attachment.Mode.DOWNLOAD ? "Download" : "View";
        String before = "<table class=\"" + CARD_CLASS + "\" role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\""
                + " border=\"0\" width=\"100%\" style=\"width:100%;max-width:480px;margin:12px 0 0 0;"
                + "border:1px solid #d0d7de;border-radius:6px;border-collapse:separate;background-color:#ffffff\"><tr>"
                + "<td width=\"48\" valign=\"middle\" style=\"width:48px;padding:10px 0 10px 12px\">"
                + "<span style=\"display:inline-block;min-width:30px;padding:4px 5px;border-radius:4px;"
                + "background-color:#eaeef2;color:#24292f;font:bold 11px/14px " + FONT + ";text-align:center\">"
                + escaped(label(card.contentType())) + "</span></td>"
                + "<td valign=\"middle\" style=\"padding:10px 12px;font:14px/20px " + FONT + ";color:#24292f;"
                + "word-break:break-all;overflow-wrap:anywhere\"><a href=\"";
        String between = "\" title=\"" + escaped(displayName(card.filename(), MAX_TITLE))
                + "\" style=\"color:#0b57d0;text-decoration:none;font-weight:bold\">" + escaped(name) + "</a><br />"
                + "<span style=\"font-size:12px;color:#57606a\">" + humanSize(card.size()) + "</span></td>"
                + "<td align=\"right\" valign=\"middle\" style=\"padding:10px 12px 10px 0;white-space:nowrap\"><a href=\"";
        String after = "\" style=\"display:inline-block;padding:6px 12px;border:1px solid #0b57d0;border-radius:4px;"
                + "color:#0b57d0;text-decoration:none;font:bold 13px/16px " + FONT + "\">" + action + "</a></td>"
                + "</tr></table>";
        return new String[] {before, between, after};
    }

    /** A short label of the sniffed type; a paperclip when the type has none. */
    static String label(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int params = type.indexOf(';');
        return LABELS.getOrDefault((params < 0 ? type : type.substring(0, params)).strip(), "📎");
    }

    /**
     * The name as shown: control and bidirectional formatting characters (a right-to-left override,
     * U+202E, shows "invoice" + U+202E + "fdp.exe" as "invoiceexe.pdf") become U+FFFD, and a long name is cut
     * in the middle at grapheme boundaries.
     */
    static String displayName(String filename) {
        return displayName(filename, MAX_NAME);
    }

    private static String displayName(String filename, int max) {
        String name = sanitized(filename);
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(name);
        List<Integer> bounds = new ArrayList<>();
        for (int b = graphemes.first(); b != BreakIterator.DONE; b = graphemes.next()) {
            bounds.add(b);
        }
        int count = bounds.size() - 1;
        if (count <= max) {
            return name;
        }
        int head = max - KEPT_END - 1;
        return name.substring(0, bounds.get(head)) + "…" + name.substring(bounds.get(count - KEPT_END));
    }

    static String sanitized(String filename) {
        StringBuilder out = new StringBuilder(filename.length());
        filename.codePoints().forEach(c -> out.appendCodePoint(isHidden(c) ? 0xFFFD : c));
        return out.toString();
    }

    private static boolean isHidden(int c) {
        return Character.getType(c) == Character.CONTROL
                || c == 0x061C || c == 0x200E || c == 0x200F
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Binary units, as mail clients show attachment sizes: "512 bytes", "1.2 KB", "340 KB", "12 MB". */
    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String shown = value < 9.95 ? String.format(Locale.ROOT, "%.1f", value) : Long.toString(Math.round(value));
        if (shown.equals("1024") && unit < units.length - 1) {
            shown = "1.0";
            unit++;
        }
        return shown + " " + units[unit];
    }

    /** Escapes text content; quotes too, so the same escaping is safe wherever the markup is moved. */
    private static String escaped(String s) {
        return SourceTemplate.attributeValue(s);
    }
}
