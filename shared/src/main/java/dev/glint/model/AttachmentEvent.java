package dev.glint.model;

import java.time.Instant;
import java.util.Map;

/**
 * One line of an attachment's audit log: a recipient's access (view page, download) or a viewer
 * beacon, or an access refused (revoked, expired), with who most likely caused it.
 *
 * @param action {@code view}, {@code download}, {@code refused}, or the beacon kind: {@code page},
 *     {@code image}, {@code video}
 * @param detail the action's fields: page, dwellMs, scroll (0–100), event (play, pause, seek,
 *     ended), position and percent for video, session (the viewer session), reason for refusals
 */
public record AttachmentEvent(
        String hitId,
        String attachmentId,
        String accountId,
        String emailId,
        int recipient,
        String action,
        Instant at,
        Map<String, String> detail,
        String ip,
        String userAgent,
        HitInsight insight) {

    public AttachmentEvent {
        detail = Map.copyOf(detail);
    }
}
