package dev.glint.attachments;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Short presigned GETs of the attachments bucket: computed locally (no network), each valid for
 * the configured lifetime, with the response headers the recipient's browser must see.
 */
public final class ObjectUrls {
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration lifetime;
    private final String origin;

    public ObjectUrls(S3Presigner presigner, String bucket, Duration lifetime) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.lifetime = AttachmentsConfig.urlLifetime((int) lifetime.toSeconds());
        // The viewer's Content-Security-Policy names the bucket's origin; presigning is offline, so ask once.
        URI sample = presign("origin", "inline", "application/octet-stream");
        this.origin = sample.getScheme() + "://" + sample.getRawAuthority();
    }

    /**
     * A presigner for the bucket's region; with a local endpoint, path-style URLs and the local
     * emulator's dummy credentials (the function's role credentials otherwise).
     */
    public static S3Presigner presigner(String region, Optional<URI> endpoint) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(region));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    /** A download: the browser saves it under its filename, typed as sniffed at upload. */
    URI download(String key, String filename, String contentType) {
        return presign(key, ContentDisposition.attachment(filename), contentType);
    }

    /** For the viewer: shown inline (the original, or the PDF an Office file was converted to). */
    URI inline(String key, String filename, String contentType) {
        return presign(key, ContentDisposition.inline(filename), contentType);
    }

    /** {@code scheme://host[:port]} of every URL handed out, for the viewer's policy. */
    String origin() {
        return origin;
    }

    Duration lifetime() {
        return lifetime;
    }

    private URI presign(String key, String disposition, String contentType) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                        .getObjectRequest(g -> g.bucket(bucket).key(key)
                                .responseContentDisposition(disposition)
                                .responseContentType(contentType)
                                .responseCacheControl("private, no-store")))
                .url().toString());
    }
}
