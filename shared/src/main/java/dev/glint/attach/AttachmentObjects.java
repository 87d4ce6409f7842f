package dev.glint.attach;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The attachments bucket, as the upload checks need it (S3 in {@code dev.glint.store.S3AttachmentObjects}). */
public interface AttachmentObjects {

    /** A presigned single PUT with its size pinned: the client must send exactly these headers. */
    PresignedRequest presignPut(String key, long size, Duration lifetime);

    /** Starts a multipart upload; returns its upload id. */
    String startMultipart(String key);

    /** A presigned PUT of one part ({@code number} from 1) of {@code size} bytes. */
    PresignedRequest presignPart(String key, String uploadId, int number, long size, Duration lifetime);

    /**
     * Joins the uploaded parts into the object.
     *
     * @return false when S3 knows no such upload (never started, aborted or already completed)
     */
    boolean completeMultipart(String key, String uploadId, List<Part> parts);

    /** The object's size, when it exists. */
    Optional<Long> size(String key);

    /** Up to {@code length} bytes from the start. */
    byte[] head(String key, int length);

    /** The whole object as a stream, for the caller to close. */
    InputStream open(String key) throws IOException;

    /** Stores a file (a converted preview). */
    void put(String key, Path file, String contentType);

    /** Deletes the object if it exists. */
    void delete(String key);

    /** A presigned request: the URL, the headers the client must send with it, and when it dies. */
    record PresignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {
        public PresignedRequest {
            headers = Map.copyOf(headers);
        }
    }

    /** One uploaded part, as S3 answered it. */
    record Part(int number, String etag) {}
}
