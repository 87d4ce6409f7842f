package dev.glint.rewrite;

import dev.glint.model.AttachedFile;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mail parsed once, ready to be stamped into a tracked copy per recipient.
 *
 * <p>Only the values of rewritten links change, and one pixel is inserted before {@code </body>},
 * preceded by an empty hidden honeypot link when clicks are tracked and, when opens are, by the
 * empty CSS beacon elements whose one {@code <style>} block goes before {@code </head>} (else with them);
 * a mail with attachments gets their link cards first in that place, and their lines at the end of
 * its text part; every other character of each part is copied from the source as written. Stamping does no
 * parsing: it concatenates source segments with the recipient's URLs. A template is immutable and
 * may be stamped from several threads.
 */
public final class MailTemplate {
    private final @Nullable SourceTemplate html;
    private final @Nullable SourceTemplate text;
    private final List<TrackedLink> trackedLinks;
    private final List<LinkReport> linkReports;
    private final AttachmentCards cards;
    private final String textLineBreak;
    private final boolean textEndsWithLineBreak;

    private MailTemplate(@Nullable SourceTemplate html, @Nullable SourceTemplate text,
            List<TrackedLink> trackedLinks, List<LinkReport> linkReports, AttachmentCards cards,
            String textLineBreak, boolean textEndsWithLineBreak) {
        this.html = html;
        this.text = text;
        this.trackedLinks = List.copyOf(trackedLinks);
        this.linkReports = List.copyOf(linkReports);
        this.cards = cards;
        this.textLineBreak = textLineBreak;
        this.textEndsWithLineBreak = textEndsWithLineBreak;
    }

    /**
     * Parses a mail's parts; any markup is accepted.
     *
     * @throws IllegalArgumentException when both parts are null
     */
    public static MailTemplate parse(@Nullable String html, @Nullable String text) {
        return parse(html, text, List.of());
    }

    /**
     * Parses a mail's parts and renders the link cards of its attachments, numbered 0..n-1 in this
     * order; see {@link #showsAttachments()}.
     *
     * @throws IllegalArgumentException when both parts are null
     */
    public static MailTemplate parse(@Nullable String html, @Nullable String text, List<AttachedFile> attachments) {
        if (html == null && text == null) {
            throw new IllegalArgumentException("a mail needs an HTML part, a text part or both");
        }
        List<FoundLink> found = new ArrayList<>();
        int pixelAt = -1;
        int styleAt = -1;
        if (html != null) {
            HtmlScanner.HtmlScan scan = HtmlScanner.scan(html);
            found.addAll(scan.links());
            pixelAt = scan.pixelAt();
            styleAt = scan.styleAt();
        }
        if (text != null) {
            found.addAll(TextScanner.scan(text)); // after the HTML links: their indexes come next
        }
        List<TrackedLink> tracked = new ArrayList<>();
        List<LinkReport> reports = new ArrayList<>(found.size());
        List<SourceTemplate.Slot> htmlSlots = new ArrayList<>();
        List<SourceTemplate.Slot> textSlots = new ArrayList<>();
        for (FoundLink link : found) {
            switch (link.verdict()) {
                case LinkVerdict.Rewrite(String destination) -> {
                    int index = tracked.size();
                    tracked.add(new TrackedLink(index, destination));
                    reports.add(new LinkReport(link.part(), link.element(), link.href(), true, null, index));
                    SourceTemplate.Slot slot = new SourceTemplate.Slot(link.start(), link.end(), index, !link.quoted());
                    (link.part() == MailPart.HTML ? htmlSlots : textSlots).add(slot);
                }
                case LinkVerdict.Keep(String reason) ->
                        reports.add(new LinkReport(link.part(), link.element(), link.href(), false, reason, -1));
            }
        }
        if (pixelAt >= 0) {
            insertSlot(htmlSlots, SourceTemplate.Slot.pixel(pixelAt));
            if (styleAt >= 0) {
                insertSlot(htmlSlots, SourceTemplate.Slot.style(styleAt));
            }
        }
        if (text != null && !attachments.isEmpty()) {
            textSlots.add(SourceTemplate.Slot.attachments(text.length())); // after every link: the end of the text
        }
        // The lines follow the text's own line breaks, so a CRLF text stays CRLF throughout.
        String lineBreak = text != null && text.contains("\r\n") ? "\r\n" : "\n";
        return new MailTemplate(
                html == null ? null : new SourceTemplate(html, htmlSlots, true),
                text == null ? null : new SourceTemplate(text, textSlots, false),
                tracked, reports, attachments.isEmpty() ? AttachmentCards.NONE : new AttachmentCards(attachments),
                lineBreak, text != null && (text.endsWith("\n") || text.endsWith("\r")));
    }

    /** The rewritten links, index 0..n-1: HTML links in source order, then text links. */
    public List<TrackedLink> trackedLinks() {
        return trackedLinks;
    }

    /** Every link found, rewritten or not, in the order of {@link #trackedLinks()}. */
    public List<LinkReport> linkReports() {
        return linkReports;
    }

    /**
     * Whether every part of a copy shows the attachments: always for a text part; for an HTML part
     * only when it has a place where inserted markup renders (the pixel's). Always true without
     * attachments.
     */
    public boolean showsAttachments() {
        return cards.isEmpty() || html == null || html.hasPixel();
    }

    /** One recipient's copy with opens and clicks tracked. */
    public RewrittenMail stamp(TrackingUrls urls) {
        return stamp(urls, true, true);
    }

    /**
     * One recipient's copy; a URL is asked of {@code urls} only for what is tracked. With clicks
     * off, links stay as written and no honeypot link is inserted; with opens off, no pixel and no
     * CSS beacons are. Attachment links are there whatever the settings: a recipient reaches the
     * file only through them.
     */
    public RewrittenMail stamp(TrackingUrls urls, boolean trackOpens, boolean trackClicks) {
        String[] clickUrls = null;
        if (trackClicks) {
            clickUrls = new String[trackedLinks.size()];
            for (TrackedLink link : trackedLinks) {
                clickUrls[link.index()] = urls.clickUrl(link.index(), link.destination());
            }
        }
        String pixelUrl = trackOpens && html != null && html.hasPixel() ? urls.pixelUrl() : null;
        String honeypotUrl = trackClicks && html != null && html.hasPixel() ? urls.honeypotUrl() : null;
        Beacons beacons = pixelUrl == null ? null : Beacons.of(urls);
        String[] attachmentUrls = cards.isEmpty() ? null : cards.urls(urls);
        String htmlCards = attachmentUrls == null || html == null || !html.hasPixel() ? null : cards.html(attachmentUrls);
        String textLines = attachmentUrls == null || text == null
                ? null : cards.text(attachmentUrls, textLineBreak, textEndsWithLineBreak);
        return new RewrittenMail(
                html == null ? null : html.fill(clickUrls, pixelUrl, honeypotUrl, beacons, htmlCards),
                text == null ? null : text.fill(clickUrls, null, null, null, textLines),
                pixelUrl == null ? 0 : 1,
                honeypotUrl == null ? 0 : 1,
                beacons == null ? 0 : 1);
    }

    /** Adds a zero-width slot in position order; it never splits a link value (it sits before a tag). */
    private static void insertSlot(List<SourceTemplate.Slot> slots, SourceTemplate.Slot slot) {
        int at = slot.start();
        int i = 0;
        while (i < slots.size() && slots.get(i).start() < at) {
            i++;
        }
        if (i > 0 && slots.get(i - 1).end() > at) {
            return; // cannot happen for a position before a tag; refuse rather than corrupt the copy
        }
        slots.add(i, slot);
    }
}
