package dev.glint.send;

/** The provider refused or failed to take a copy; the message is safe to show the sender. */
public final class MailSendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public MailSendException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** @param permanent whether trying again cannot help (the provider rejected this very message) */
    public MailSendException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** Whether trying again cannot help: the provider rejected this very message or sender. */
    public boolean permanent() {
        return permanent;
    }
}
