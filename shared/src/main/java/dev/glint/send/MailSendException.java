package dev.glint.send;

/** The provider refused or failed to take a copy; the message is safe to show the sender. */
public final class MailSendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
