package dev.glint.rewrite;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A part's original source with slots at each rewritten link value and at the pixel: stamping
 * copies the source around the slots and fills them, so everything else stays byte-identical.
 */
final class SourceTemplate {
    private static final String PIXEL_OPEN = "<img src=\"";
    // Visible to the client but 1x1 and borderless: some clients skip images hidden with display:none.
    private static final String PIXEL_CLOSE = "\" width=\"1\" height=\"1\" alt=\"\""
            + " style=\"display:block;width:1px;height:1px;border:0;margin:0;padding:0\" />";

    // Empty, so the visible text is unchanged; hidden from sight, Outlook, screen readers and the tab order.
    private static final String HONEYPOT_OPEN = "<a href=\"";
    private static final String HONEYPOT_CLOSE =
            "\" style=\"display:none !important;mso-hide:all\" aria-hidden=\"true\" tabindex=\"-1\"></a>";

    /**
     * A span of the source filled per recipient; {@code link} is a tracked link index, -1 for the
     * pixel, -2 for the beacons' style block at the end of {@code <head>}, or -3 for the attachment
     * lines at the end of a text part.
     */
    record Slot(int start, int end, int link, boolean addQuotes) {
        static Slot pixel(int at) {
            return new Slot(at, at, -1, false);
        }

        static Slot style(int at) {
            return new Slot(at, at, -2, false);
        }

        static Slot attachments(int at) {
            return new Slot(at, at, -3, false);
        }

        boolean isPixel() {
            return link == -1;
        }

        boolean isStyle() {
            return link == -2;
        }

        boolean isAttachments() {
            return link == -3;
        }
    }

    private final String source;
    private final Slot[] slots;
    private final boolean html;
    private final boolean hasPixel;
    private final boolean hasStyleSlot;

    /** {@code slots} sorted by position, not overlapping; {@code html} escapes fills as attribute values. */
    SourceTemplate(String source, List<Slot> slots, boolean html) {
        this.source = source;
        this.slots = slots.toArray(Slot[]::new);
        this.html = html;
        this.hasPixel = slots.stream().anyMatch(Slot::isPixel);
        this.hasStyleSlot = slots.stream().anyMatch(Slot::isStyle);
    }

    boolean hasPixel() {
        return hasPixel;
    }

    /**
     * A copy with each link slot set to {@code clickUrls[link]} and the pixel slot to the attachment
     * cards, the beacon elements, a hidden link to {@code honeypotUrl} and an image of {@code pixelUrl};
     * the beacons' style goes in the style slot, or first in the pixel slot when the source has no
     * {@code </head>}; a text part's attachment slot gets {@code attachments}. A null array, URL,
     * beacons or attachments leaves those slots as the source has them.
     */
    String fill(String @Nullable [] clickUrls, @Nullable String pixelUrl, @Nullable String honeypotUrl,
            @Nullable Beacons beacons, @Nullable String attachments) {
        String[] fills = new String[slots.length];
        int length = source.length();
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            String fill = slot.isPixel() ? pixel(pixelUrl, honeypotUrl, beacons, attachments)
                    : slot.isStyle() ? (beacons == null ? null : beacons.style())
                    : slot.isAttachments() ? attachments
                    : link(slot, clickUrls);
            if (fill != null) {
                length += fill.length() - (slot.end() - slot.start());
            }
            fills[i] = fill;
        }
        StringBuilder out = new StringBuilder(length);
        int at = 0;
        for (int i = 0; i < slots.length; i++) {
            if (fills[i] != null) {
                out.append(source, at, slots[i].start()).append(fills[i]);
                at = slots[i].end();
            }
        }
        return out.append(source, at, source.length()).toString();
    }

    private @Nullable String pixel(@Nullable String pixelUrl, @Nullable String honeypotUrl, @Nullable Beacons beacons,
            @Nullable String cards) {
        if (pixelUrl == null && honeypotUrl == null && beacons == null && cards == null) {
            return null;
        }
        String beaconMarkup = beacons == null ? "" : (hasStyleSlot ? "" : beacons.style()) + beacons.elements();
        return (cards == null ? "" : cards) + beaconMarkup + (honeypotUrl == null ? "" : honeypotTag(honeypotUrl))
                + (pixelUrl == null ? "" : pixelTag(pixelUrl));
    }

    /** The honeypot link's markup: an empty anchor no reader sees or can reach. */
    static String honeypotTag(String honeypotUrl) {
        return HONEYPOT_OPEN + attributeValue(honeypotUrl) + HONEYPOT_CLOSE;
    }

    /** The pixel's markup. */
    static String pixelTag(String pixelUrl) {
        return PIXEL_OPEN + attributeValue(pixelUrl) + PIXEL_CLOSE;
    }

    private @Nullable String link(Slot slot, String @Nullable [] clickUrls) {
        if (clickUrls == null) {
            return null;
        }
        String url = clickUrls[slot.link()];
        if (!html) {
            return url;
        }
        String escaped = attributeValue(url);
        return slot.addQuotes() ? '"' + escaped + '"' : escaped;
    }

    /** Escapes for a quoted attribute value, whichever quote the source used. */
    static String attributeValue(String s) {
        int i = 0;
        while (i < s.length() && "&\"'<>".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        if (i == s.length()) {
            return s; // our URLs are URL-safe: the usual case copies nothing
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
