package dev.glint.model;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An address allowed to send through the tracking-address relay, and how its mail is tracked.
 *
 * @param address the sender's address, lower case
 * @param readReceipts whether every copy asks for a read receipt (one is always captured when the
 *     sender's own mail asked for it)
 * @param attachmentLinks when set, relayed mail's attachments are stored as tracked attachments in
 *     this mode and each copy links to them instead of carrying them; null keeps attachments as they are
 */
public record Sender(String address, String accountId, boolean trackOpens, boolean trackClicks, boolean readReceipts,
        Instant createdAt, Attachment.@Nullable Mode attachmentLinks) {

    public Sender {
        address = normalize(address);
    }

    /** A sender whose relayed mail keeps its attachments. */
    public Sender(String address, String accountId, boolean trackOpens, boolean trackClicks, boolean readReceipts,
            Instant createdAt) {
        this(address, accountId, trackOpens, trackClicks, readReceipts, createdAt, null);
    }

    /** The form addresses are stored and compared in. */
    public static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
