package dev.glint.local.smtp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of a session: command lines and DATA, read through one buffer so that
 * pipelined commands and a message that follows them are never lost between reads.
 */
final class SmtpInput {
    /** A command line without its line ending, or {@code tooLong} when it exceeded the limit and was discarded. */
    record CommandLine(String text, boolean tooLong) {}

    /** A message body: the bytes, or null when it exceeded the limit and was discarded. */
    record Data(byte @Nullable [] bytes, long size) {}

    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    SmtpInput(InputStream in) {
        this.in = in;
    }

    /** True when bytes are ready without blocking, i.e. the client pipelined more commands. */
    boolean hasPending() throws IOException {
        return pos < lim || in.available() > 0;
    }

    /**
     * Drops what the client has already sent, up to {@code maxBytes}, so that closing the
     * connection right after a final reply does not reset it and destroy that reply in flight.
     */
    void discardPending(int maxBytes) throws IOException {
        int dropped = lim - pos;
        pos = lim;
        while (dropped < maxBytes && in.available() > 0 && fill()) {
            dropped += lim - pos;
            pos = lim;
        }
    }

    /**
     * Reads up to and including the next LF (CRLF or bare LF). A line longer than
     * {@code maxOctets} including its ending is read to its end and dropped. Null at end of stream.
     */
    @Nullable CommandLine readCommand(int maxOctets) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        long length = 0;
        while (true) {
            if (pos == lim && !fill()) {
                return null; // a partial line at end of stream is no command
            }
            int lf = indexOfLf();
            int end = lf < 0 ? lim : lf + 1;
            int n = end - pos;
            if (length + n <= maxOctets) {
                line.write(buf, pos, n);
            }
            length += n;
            pos = end;
            if (lf >= 0) {
                break;
            }
        }
        if (length > maxOctets) {
            return new CommandLine("", true);
        }
        byte[] bytes = line.toByteArray();
        int textLength = bytes.length - 1; // drop LF
        if (textLength > 0 && bytes[textLength - 1] == '\r') {
            textLength--;
        }
        return new CommandLine(new String(bytes, 0, textLength, StandardCharsets.UTF_8), false);
    }

    /**
     * Reads DATA up to the line holding a single dot, removing the extra leading dot of stuffed
     * lines (RFC 5321 section 4.5.2) and keeping every other byte, line endings included. Past
     * {@code maxBytes} the rest is read and dropped, so memory stays bounded.
     *
     * @throws EOFException when the stream ends before the final dot
     */
    Data readData(int maxBytes) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
        long size = 0;
        boolean lineStart = true;
        while (true) {
            if (lineStart) {
                if (peek(0) == '.') {
                    int next = peek(1);
                    if (next == '\n') {
                        pos += 2;
                        break;
                    }
                    if (next == '\r' && peek(2) == '\n') {
                        pos += 3;
                        break;
                    }
                    pos++; // a stuffed dot
                }
                lineStart = false;
            }
            if (pos == lim && !fill()) {
                throw new EOFException("connection closed inside DATA");
            }
            int lf = indexOfLf();
            int end = lf < 0 ? lim : lf + 1;
            int n = end - pos;
            if (size + n <= maxBytes) {
                message.write(buf, pos, n);
            }
            size += n;
            pos = end;
            lineStart = lf >= 0;
        }
        return new Data(size <= maxBytes ? message.toByteArray() : null, size);
    }

    private int indexOfLf() {
        for (int i = pos; i < lim; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The byte {@code offset} places ahead without consuming it, or -1 at end of stream. */
    private int peek(int offset) throws IOException {
        while (pos + offset >= lim) {
            if (pos > 0) { // make room at the end: the look-ahead is never more than 3 bytes
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return -1;
            }
            lim += n;
        }
        return buf[pos + offset] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
