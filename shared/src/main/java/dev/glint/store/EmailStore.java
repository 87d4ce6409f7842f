package dev.glint.store;

import dev.glint.model.EmailRecord;
import dev.glint.model.Page;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Emails, their recipients and their aggregates. */
public interface EmailStore {
    /** Stores a new email with its recipients (status pending) and an empty aggregate. */
    void create(EmailRecord email, List<RecipientRecord> recipients);

    Optional<EmailRecord> find(String emailId);

    /** The account's emails, newest first. */
    Page<EmailRecord> list(String accountId, Optional<String> cursor, int limit);

    List<RecipientRecord> recipients(String emailId);

    /** Records that the recipient's copy was handed to the mail provider at {@code sentAt}. */
    void markSent(String emailId, int recipient, String messageId, Instant sentAt);

    /** When the recipient's copy was sent, once it was. */
    Optional<Instant> sentAt(String emailId, int recipient);

    void markFailed(String emailId, int recipient, String error);

    /**
     * Stores a recipient's aggregate in its recipient item unless a newer version is already
     * there: one conditional write, so it is idempotent and safe to repeat after any crash.
     */
    void foldRecipient(String emailId, int recipient, RecipientStats stats);
}
