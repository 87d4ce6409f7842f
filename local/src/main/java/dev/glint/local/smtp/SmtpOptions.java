package dev.glint.local.smtp;

import java.time.Duration;

/**
 * Limits of the local SMTP server.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one (see {@link LocalSmtpServer#port()})
 * @param maxMessageBytes largest message accepted, counted after dot-unstuffing; advertised as {@code SIZE}
 * @param maxRecipients accepted {@code RCPT TO} per message; one more is answered 452
 * @param idleTimeout how long a session may stay silent before it is answered 421 and closed
 */
public record SmtpOptions(int port, int maxMessageBytes, int maxRecipients, Duration idleTimeout) {
    /** The port the local runner listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 2525;
    /** 25 MiB, a common limit of hosted mailboxes. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 26_214_400;
    /** RFC 5321 section 4.5.3.1.8: a server must accept at least 100 recipients. */
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    public SmtpOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be positive, was " + maxRecipients);
        }
        if (idleTimeout.toMillis() < 1 || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idleTimeout must be between 1 ms and 24 days, was " + idleTimeout);
        }
    }

    /** Port 2525, 25 MiB messages, 100 recipients, 5 minutes idle. */
    public static SmtpOptions defaults() {
        return new SmtpOptions(DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_RECIPIENTS, DEFAULT_IDLE_TIMEOUT);
    }

    public SmtpOptions withPort(int port) {
        return new SmtpOptions(port, maxMessageBytes, maxRecipients, idleTimeout);
    }

    public SmtpOptions withMaxMessageBytes(int maxMessageBytes) {
        return new SmtpOptions(port, maxMessageBytes, maxRecipients, idleTimeout);
    }

    public SmtpOptions withMaxRecipients(int maxRecipients) {
        return new SmtpOptions(port, maxMessageBytes, maxRecipients, idleTimeout);
    }

    public SmtpOptions withIdleTimeout(Duration idleTimeout) {
        return new SmtpOptions(port, maxMessageBytes, maxRecipients, idleTimeout);
    }
}
