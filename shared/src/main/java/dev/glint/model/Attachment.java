package dev.glint.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file a sender shares through tracked links instead of attaching it: stored in S3, reached
 * only through a recipient's token, checked on every access (revocation, expiry, mode).
 *
 * @param size the declared size until the upload is checked, then the stored object's size
 * @param contentType what the bytes are (sniffed at completion); the client's claim until then
 * @param mode what a recipient may do: look at it in the viewer, or download it
 * @param expiresAt after this instant every link answers 410; null: as long as the mail's links live
 * @param sha256 hex SHA-256 of the stored bytes, once checked
 * @param objectKey the original's key in the attachments bucket
 * @param preview how it is shown in the viewer ({@link Preview})
 * @param rejection why the upload was refused, for {@link Status#REJECTED}
 */
public record Attachment(
        String id,
        String accountId,
        String filename,
        long size,
        String contentType,
        Mode mode,
        @Nullable Instant expiresAt,
        Status status,
        @Nullable String sha256,
        Instant createdAt,
        String objectKey,
        Preview preview,
        @Nullable String rejection) {

    /** Where the originals live: one prefix per account and attachment. */
    public static String objectKey(String accountId, String attachmentId) {
        return "attachments/" + accountId + "/" + attachmentId + "/original";
    }

    /** Where the PDF an Office file was converted to lives. */
    public static String previewKey(String accountId, String attachmentId) {
        return "attachments/" + accountId + "/" + attachmentId + "/preview.pdf";
    }

    /** Whether a recipient may reach it at {@code now}. */
    public boolean availableAt(Instant now) {
        return status == Status.READY && (expiresAt == null || now.isBefore(expiresAt));
    }

    public enum Mode {
        VIEW, DOWNLOAD;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> fromWire(String value) {
            for (Mode m : values()) {
                if (m.wire().equals(value)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** PENDING_UPLOAD until the upload is checked; READY or REJECTED then; REVOKED by the owner. */
    public enum Status {
        PENDING_UPLOAD, READY, REJECTED, REVOKED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * How the viewer shows it: {@code kind} pdf, image, video or none (download only); for Office
     * files converted to PDF, {@code key} is the converted file's object key; {@code unavailable}
     * says why a view is impossible (no converter, conversion failed, unsupported type).
     */
    public record Preview(String kind, @Nullable String key, int pages, @Nullable String unavailable) {
        public static final Preview NONE = new Preview("none", null, 0, null);
    }
}
