package dev.glint.inbound;

import dev.glint.mime.MessageBytes;
import java.io.IOException;

/** Where received messages are read from (S3 in AWS and locally). */
public interface RawMessages {
    /**
     * Opens the message SES stored under {@code messageId}.
     *
     * @param maxBytes larger messages are not read whole: only their first bytes (for the headers)
     */
    RawMessage open(String messageId, long maxBytes) throws IOException;

    /** A received message: its bytes (all, or the head of an oversized one) and its full size. */
    interface RawMessage extends AutoCloseable {
        MessageBytes bytes();

        long size();

        @Override
        void close() throws IOException;
    }
}
