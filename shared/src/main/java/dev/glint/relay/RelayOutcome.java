package dev.glint.relay;

import org.jspecify.annotations.Nullable;

/**
 * What the relay did with one received message.
 *
 * @param status {@code relayed}, {@code rejected}, {@code receipt} (a read receipt recorded) or
 *     {@code ignored} (nothing to do: no tracking recipient, an unknown receipt, a loop)
 * @param reason why, for rejected and ignored messages; shown to the sender in a notice
 * @param noticeSent whether the sender was told of the rejection
 * @param retry recipients whose copy failed for a reason that may pass (the caller retries the message)
 */
public record RelayOutcome(String status, @Nullable String reason, @Nullable String emailId, int sent, int failed,
        int retry, boolean noticeSent) {

    static RelayOutcome rejected(String reason, boolean noticeSent) {
        return new RelayOutcome("rejected", reason, null, 0, 0, 0, noticeSent);
    }

    static RelayOutcome ignored(String reason) {
        return new RelayOutcome("ignored", reason, null, 0, 0, 0, false);
    }
}
