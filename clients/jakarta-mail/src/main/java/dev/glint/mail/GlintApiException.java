package dev.glint.mail;

import jakarta.mail.MessagingException;
import java.io.Serial;

/** Glint's API could not be reached, refused the mail, or answered something this client cannot read. */
public final class GlintApiException extends MessagingException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int status;

    GlintApiException(String message, int status, @org.jspecify.annotations.Nullable Exception cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the API's answer, or 0 when there was none (unreachable, timed out). */
    public int status() {
        return status;
    }
}
