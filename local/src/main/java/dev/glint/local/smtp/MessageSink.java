package dev.glint.local.smtp;

import java.util.List;

/** Takes a message the server has accepted; the client is told 250 only when this returns normally. */
@FunctionalInterface
public interface MessageSink {
    /**
     * Called once per message after the client's final {@code .}.
     *
     * @param mailFrom the reverse path without angle brackets; empty for the null sender {@code <>}
     * @param rcptTo the accepted recipients in the order the client gave them, without angle brackets
     * @param rawMessage the DATA bytes exactly as sent, after dot-unstuffing and without the
     *     terminating {@code .} line; line endings are not rewritten (CRLF, or bare LF if the
     *     client sent that)
     * @throws Exception to make the server answer {@code 451} so that the client retries later
     */
    void deliver(String mailFrom, List<String> rcptTo, byte[] rawMessage) throws Exception;
}
