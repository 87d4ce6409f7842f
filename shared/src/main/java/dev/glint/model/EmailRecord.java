package dev.glint.model;

import java.time.Instant;
import java.util.List;

/**
 * A sent email as stored: who sent what, and the destinations of its tracked links by index.
 *
 * @param trackingEndsAt when its tokens expire: no hit is recorded after it
 * @param links destination of each tracked link, by link index
 * @param attachments the files each copy links to, by attachment index
 */
public record EmailRecord(
        String id,
        String accountId,
        String from,
        String subject,
        Instant createdAt,
        Instant trackingEndsAt,
        int recipientCount,
        boolean trackOpens,
        boolean trackClicks,
        List<String> links,
        List<AttachedFile> attachments) {

    public EmailRecord {
        links = List.copyOf(links);
        attachments = List.copyOf(attachments);
    }

    /** An email without attachments. */
    public EmailRecord(String id, String accountId, String from, String subject, Instant createdAt,
            Instant trackingEndsAt, int recipientCount, boolean trackOpens, boolean trackClicks, List<String> links) {
        this(id, accountId, from, subject, createdAt, trackingEndsAt, recipientCount, trackOpens, trackClicks, links,
                List.of());
    }
}
