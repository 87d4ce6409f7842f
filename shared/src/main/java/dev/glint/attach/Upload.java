package dev.glint.attach;

import dev.glint.model.Attachment;
import java.time.Instant;
import java.util.List;

/** A new attachment and where its bytes go: one presigned PUT, or the parts of a multipart upload. */
public sealed interface Upload {
    Attachment attachment();

    /** The whole file in one PUT. */
    record Single(Attachment attachment, AttachmentObjects.PresignedRequest put) implements Upload {}

    /**
     * Parts of {@code partSize} bytes (the last one smaller), each PUT to its URL; completion
     * then needs the upload id and every part's ETag.
     */
    record Multipart(Attachment attachment, String uploadId, long partSize, List<PartUrl> parts, Instant expiresAt)
            implements Upload {
        public Multipart {
            parts = List.copyOf(parts);
        }
    }

    /** One part's presigned PUT. */
    record PartUrl(int number, long size, AttachmentObjects.PresignedRequest put) {}
}
