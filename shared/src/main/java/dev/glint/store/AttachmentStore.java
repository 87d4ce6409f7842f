package dev.glint.store;

import dev.glint.model.Attachment;
import dev.glint.model.Page;
import java.util.Optional;

/** Attachments' metadata (the bytes live in S3). */
public interface AttachmentStore {
    /** Stores a new attachment (status pending upload). */
    void create(Attachment attachment);

    Optional<Attachment> find(String attachmentId);

    /** The account's attachments, newest first. */
    Page<Attachment> list(String accountId, Optional<String> cursor, int limit);

    /**
     * Replaces the attachment if its status is still {@code expected}: the one way an attachment
     * changes (checked, rejected, revoked, preview converted), so two writers never undo each other.
     *
     * @return false when the status had moved on (nothing written)
     */
    boolean update(Attachment attachment, Attachment.Status expected);
}
