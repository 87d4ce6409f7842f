package dev.glint.store;

import dev.glint.attach.AttachmentObjects;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.glint.config.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link AttachmentObjects} on one S3 bucket; uploads go straight from the client to S3 through presigned URLs. */
public final class S3AttachmentObjects implements AttachmentObjects {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3AttachmentObjects(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /**
     * The bucket's client and presigner, built as every client is; with an endpoint (the local
     * emulator) both use path-style addresses and dummy credentials.
     */
    public static S3AttachmentObjects create(Optional<java.net.URI> endpoint, String region, String bucket) {
        S3Client s3 = AwsClients.build(S3Client.builder().forcePathStyle(endpoint.isPresent()), endpoint, region);
        S3Presigner.Builder presigner = S3Presigner.builder().region(Region.of(region))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build());
        endpoint.ifPresent(uri -> presigner.endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return new S3AttachmentObjects(s3, presigner.build(), bucket);
    }

    @Override
    public AttachmentObjects.PresignedRequest presignPut(String key, long size, Duration lifetime) {
        return presigned(presigner.presignPutObject(p -> p.signatureDuration(lifetime)
                .putObjectRequest(r -> r.bucket(bucket).key(key).contentLength(size))));
    }

    @Override
    public String startMultipart(String key) {
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    }

    @Override
    public AttachmentObjects.PresignedRequest presignPart(String key, String uploadId, int number, long size, Duration lifetime) {
        return presigned(presigner.presignUploadPart(p -> p.signatureDuration(lifetime)
                .uploadPartRequest(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(size))));
    }

    @Override
    public boolean completeMultipart(String key, String uploadId, List<Part> parts) {
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts.stream()
                            .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList())));
            return true;
        } catch (NoSuchUploadException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] head(String key, int length) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + (length - 1))).asByteArray();
    }

    @Override
    public InputStream open(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    private static AttachmentObjects.PresignedRequest presigned(software.amazon.awssdk.awscore.presigner.PresignedRequest p) {
        Map<String, String> headers = new HashMap<>();
        p.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the client's HTTP library sets it from the URL
                headers.put(name, String.join(",", values));
            }
        });
        return new AttachmentObjects.PresignedRequest(p.httpRequest().method().name(), java.net.URI.create(p.url().toString()), headers,
                p.expiration());
    }
}
