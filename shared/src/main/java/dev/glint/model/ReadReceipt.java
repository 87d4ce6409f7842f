package dev.glint.model;

import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * What a recipient's mail client said in a read receipt (an RFC 8098 message disposition
 * notification): {@code displayed} means the mail was shown, {@code deleted} that it was deleted
 * unread; {@code manual} when the person chose to send it (rather than a client set to answer on
 * its own). A receipt is the client's own word, so it stands apart from pixel opens.
 */
public record ReadReceipt(String disposition, Instant at, boolean manual) {

    /** The first {@code displayed} receipt, else the first receipt of any kind; null when none came. */
    public static @Nullable ReadReceipt of(Collection<TrackingEvent> events) {
        ReadReceipt first = null;
        ReadReceipt firstDisplayed = null;
        for (TrackingEvent e : events) {
            if (e.type() != EventType.READ_RECEIPT || e.destination() == null) {
                continue;
            }
            ReadReceipt r = new ReadReceipt(e.destination(), e.at(), e.method().equals("manual"));
            if (first == null || r.at().isBefore(first.at())) {
                first = r;
            }
            if (r.disposition().equals("displayed") && (firstDisplayed == null || r.at().isBefore(firstDisplayed.at()))) {
                firstDisplayed = r;
            }
        }
        return firstDisplayed != null ? firstDisplayed : first;
    }
}
