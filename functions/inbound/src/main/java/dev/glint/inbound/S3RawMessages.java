package dev.glint.inbound;

import dev.glint.mime.MessageBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Received messages in S3 under {@code <prefix><SES message id>}. A message is streamed into a
 * temporary file and mapped, so the heap holds the copies being sent, never the original too.
 */
public final class S3RawMessages implements RawMessages {
    /** How much of an oversized message is read: enough for any real header. */
    static final int HEAD_BYTES = 256 * 1024;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path tempDir;

    public S3RawMessages(S3Client s3, String bucket, String prefix, Path tempDir) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.tempDir = tempDir;
    }

    @Override
    public RawMessage open(String messageId, long maxBytes) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(prefix + messageId))) {
            long size = in.response().contentLength() == null ? -1 : in.response().contentLength();
            if (size > maxBytes) {
                byte[] head = in.readNBytes(HEAD_BYTES);
                in.abort(); // do not download the rest
                return new Held(MessageBytes.of(head), size, null);
            }
            Path file = Files.createTempFile(tempDir, "glint-inbound-", ".eml");
            try {
                long copied = copyAtMost(in, file, maxBytes + 1);
                if (copied > maxBytes) { // the object lied about its length
                    byte[] head;
                    try (InputStream f = Files.newInputStream(file)) {
                        head = f.readNBytes(HEAD_BYTES);
                    }
                    return new Held(MessageBytes.of(head), copied, file);
                }
                return new Held(MessageBytes.map(file), copied, file);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }

    private static long copyAtMost(InputStream in, Path file, long limit) throws IOException {
        try (InputStream bounded = new java.io.FilterInputStream(in) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buf, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() {
                // the caller closes the S3 stream
            }
        }) {
            return Files.copy(bounded, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A message and the temporary file behind it (deleted on close; a mapping outlives the name on Linux). */
    private record Held(MessageBytes bytes, long size, @org.jspecify.annotations.Nullable Path file) implements RawMessage {
        @Override
        public void close() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
