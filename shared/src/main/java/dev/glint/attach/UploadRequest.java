package dev.glint.attach;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a sender asks to upload, as parsed from the API (checked by {@link AttachmentService#create}).
 *
 * @param contentType the client's claim: kept until the bytes are checked, then replaced by what they are
 * @param mode {@code view} or {@code download}
 */
public record UploadRequest(String filename, long size, @Nullable String contentType, String mode,
        @Nullable Instant expiresAt) {}
