package dev.glint.model;

import org.jspecify.annotations.Nullable;

/**
 * One recipient of an email and what happened when its copy was sent.
 *
 * @param field "to", "cc" or "bcc"
 * @param status "pending" (not yet handed to SES), "sent" or "failed"
 */
public record RecipientRecord(
        int index,
        String address,
        String field,
        String status,
        @Nullable String messageId,
        @Nullable String error,
        RecipientStats stats) {}
