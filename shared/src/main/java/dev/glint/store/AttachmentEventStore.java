package dev.glint.store;

import dev.glint.model.AttachmentEvent;
import dev.glint.model.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Attachments' audit logs, in the events table under {@code ATT#<attachment id>}. */
public interface AttachmentEventStore {
    /**
     * Stores the event unless one with its hit id and time is already there (a redelivery).
     *
     * @param keepUntil when the line may expire (TTL)
     * @return whether it was new
     */
    boolean putIfAbsent(AttachmentEvent event, Instant keepUntil);

    /**
     * Counts a beacon against its viewer session's allowance, once per hit id.
     *
     * @param session the viewer session, with the email and recipient it belongs to
     * @return true when the beacon may be kept (counted now, or counted already by an earlier
     *     delivery of the same hit); false when the session has used up {@code max}
     */
    boolean admitBeacon(String attachmentId, String session, String hitId, int max, Instant keepUntil);

    /** One page of the audit log, oldest first. */
    Page<AttachmentEvent> events(String attachmentId, Optional<String> cursor, int limit);

    /** The whole audit log, oldest first (stats fold it). */
    List<AttachmentEvent> all(String attachmentId);
}
