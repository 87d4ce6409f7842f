package dev.glint.send;

import dev.glint.model.EmailRecord;
import dev.glint.model.RecipientRecord;
import java.util.List;

/**
 * What was stored and sent: the email and each recipient's send status, and, when the caller
 * delivers the mail itself, each recipient's tracked copy (empty otherwise).
 */
public record SendResult(EmailRecord email, List<RecipientRecord> recipients, List<TrackedCopy> copies) {

    public SendResult {
        recipients = List.copyOf(recipients);
        copies = List.copyOf(copies);
    }

    /** A result without copies: Glint delivered the mail. */
    public SendResult(EmailRecord email, List<RecipientRecord> recipients) {
        this(email, recipients, List.of());
    }
}
