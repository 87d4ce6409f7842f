package dev.glint.model;

import java.time.Instant;
import java.util.Locale;

/**
 * An address allowed to send through the tracking-address relay, and how its mail is tracked.
 *
 * @param address the sender's address, lower case
 * @param readReceipts whether every copy asks for a read receipt (one is always captured when the
 *     sender's own mail asked for it)
 */
public record Sender(String address, String accountId, boolean trackOpens, boolean trackClicks, boolean readReceipts,
        Instant createdAt) {

    public Sender {
        address = normalize(address);
    }

    /** The form addresses are stored and compared in. */
    public static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
