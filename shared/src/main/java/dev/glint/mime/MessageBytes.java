package dev.glint.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw message's bytes, read by absolute position only: a heap array, or a file mapped into
 * memory so that a large message is not held on the heap at all while it is relayed.
 */
public final class MessageBytes {
    private static final int COPY_CHUNK = 64 * 1024;
    private final ByteBuffer buffer;
    private final int length;

    private MessageBytes(ByteBuffer buffer) {
        this.buffer = buffer;
        this.length = buffer.limit();
    }

    public static MessageBytes of(byte[] bytes) {
        return new MessageBytes(ByteBuffer.wrap(bytes)); // never handed out: writeTo may use the array directly
    }

    /** Maps {@code file} read-only; the mapping lives as long as this object is reachable. */
    public static MessageBytes map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException("message over 2 GiB: " + file);
            }
            return new MessageBytes(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        }
    }

    public int length() {
        return length;
    }

    public byte at(int index) {
        return buffer.get(index);
    }

    /** The bytes {@code [start, end)} as ISO-8859-1 text: one char per byte, nothing lost. */
    public String latin1(int start, int end) {
        return new String(bytes(start, end), StandardCharsets.ISO_8859_1);
    }

    /** A copy of the bytes {@code [start, end)}. */
    public byte[] bytes(int start, int end) {
        byte[] out = new byte[end - start];
        buffer.get(start, out);
        return out;
    }

    /** Copies the bytes {@code [start, end)} into {@code dest} at {@code offset}. */
    public void copyTo(int start, int end, byte[] dest, int offset) {
        buffer.get(start, dest, offset, end - start);
    }

    /** Writes the bytes {@code [start, end)} to {@code out}, a chunk at a time. */
    public void writeTo(OutputStream out, int start, int end) throws IOException {
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + start, end - start);
            return;
        }
        byte[] chunk = new byte[Math.min(COPY_CHUNK, Math.max(0, end - start))];
        for (int at = start; at < end; at += chunk.length) {
            int n = Math.min(chunk.length, end - at);
            buffer.get(at, chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** The index of the next {@code '\n'} at or after {@code from}, or {@code limit} when none. */
    int lineFeed(int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return limit;
    }

    /** Whether the bytes at {@code at} start with the ASCII {@code prefix}, within {@code limit}. */
    boolean startsWith(int at, int limit, byte[] prefix) {
        if (at + prefix.length > limit) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
