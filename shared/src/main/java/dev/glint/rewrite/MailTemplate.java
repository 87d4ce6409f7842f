package dev.glint.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mail parsed once, ready to be stamped into a tracked copy per recipient.
 *
 * <p>Only the values of rewritten links change, and one pixel is inserted before {@code </body>},
 * preceded by an empty hidden honeypot link when clicks are tracked and, when opens are, by the
 * empty CSS beacon elements whose one {@code <style>} block goes before {@code </head>} (else with them);
 * every other character of each part is copied from the source as written. Stamping does no
 * parsing: it concatenates source segments with the recipient's URLs. A template is immutable and
 * may be stamped from several threads.
 */
public final class MailTemplate {
    private final @Nullable SourceTemplate html;
    private final @Nullable SourceTemplate text;
    private final List<TrackedLink> trackedLinks;
    private final List<LinkReport> linkReports;

    private MailTemplate(@Nullable SourceTemplate html, @Nullable SourceTemplate text,
            List<TrackedLink> trackedLinks, List<LinkReport> linkReports) {
        this.html = html;
        this.text = text;
        this.trackedLinks = List.copyOf(trackedLinks);
        this.linkReports = List.copyOf(linkReports);
    }

    /**
     * Parses a mail's parts; any markup is accepted.
     *
     * @throws IllegalArgumentException when both parts are null
     */
    public static MailTemplate parse(@Nullable String html, @Nullable String text) {
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
        return new MailTemplate(
                html == null ? null : new SourceTemplate(html, htmlSlots, true),
                text == null ? null : new SourceTemplate(text, textSlots, false),
                tracked, reports);
    }

    /** The rewritten links, index 0..n-1: HTML links in source order, then text links. */
    public List<TrackedLink> trackedLinks() {
        return trackedLinks;
    }

    /** Every link found, rewritten or not, in the order of {@link #trackedLinks()}. */
    public List<LinkReport> linkReports() {
        return linkReports;
    }

    /** One recipient's copy with opens and clicks tracked. */
    public RewrittenMail stamp(TrackingUrls urls) {
        return stamp(urls, true, true);
    }

    /**
     * One recipient's copy; a URL is asked of {@code urls} only for what is tracked. With clicks
     * off, links stay as written and no honeypot link is inserted; with opens off, no pixel and no
     * CSS beacons are.
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
        return new RewrittenMail(
                html == null ? null : html.fill(clickUrls, pixelUrl, honeypotUrl, beacons),
                text == null ? null : text.fill(clickUrls, null, null, null),
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
