package dev.glint.infra;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Tracked attachments.
 *
 * @param code                the attachments jar (recipients' links, viewer, beacons)
 * @param converterImage      the Office → PDF converter's container image; empty: no conversion, Office files are
 *                            download-only and the viewer says why
 * @param tables              the main table holds the attachments' metadata
 * @param hitsQueue           where accesses and beacons go, for the worker to audit and count
 * @param tokenKeys           the keyring that opens recipients' tokens
 * @param uploadOrigin        the web origin browsers may PUT presigned uploads from, or {@code *}
 * @param bucketRemovalPolicy what happens to the senders' files when the stack goes
 */
public record AttachmentsProps(
        Code code,
        Optional<Code> converterImage,
        DataTables tables,
        IQueue hitsQueue,
        TokenKeys tokenKeys,
        String uploadOrigin,
        RemovalPolicy bucketRemovalPolicy) {
    public AttachmentsProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(converterImage, "converterImage");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(hitsQueue, "hitsQueue");
        Objects.requireNonNull(tokenKeys, "tokenKeys");
        Objects.requireNonNull(uploadOrigin, "uploadOrigin");
        Objects.requireNonNull(bucketRemovalPolicy, "bucketRemovalPolicy");
    }
}
