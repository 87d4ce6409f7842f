package dev.glint.local.emulator;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK v2 clients pointed at the local emulators, built exactly as the functions build theirs
 * ({@link dev.glint.config.AwsClients}) with an endpoint override and us-east-1.
 */
public final class AwsClients {
    /** The region every local client uses; fauxqs puts it in queue URLs and ARNs. */
    public static final String REGION = "us-east-1";

    private AwsClients() {}

    /** Configures any sync client builder for a local endpoint; callers may customise it further. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder, URI endpoint) {
        return dev.glint.config.AwsClients.configure(builder, Optional.of(endpoint), REGION);
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return dev.glint.config.AwsClients.build(DynamoDbClient.builder(), Optional.of(endpoint), REGION);
    }

    /** Always use this (never a bare queue URL host): fauxqs queue URLs name host sqs.us-east-1.localhost. */
    public static SqsClient sqs(URI endpoint) {
        return dev.glint.config.AwsClients.build(SqsClient.builder(), Optional.of(endpoint), REGION);
    }

    public static SesV2Client sesV2(URI endpoint) {
        return dev.glint.config.AwsClients.build(SesV2Client.builder(), Optional.of(endpoint), REGION);
    }

    /** Path-style, as fauxqs's S3 needs (no bucket host names on 127.0.0.1). */
    public static S3Client s3(URI endpoint) {
        return local(S3Client.builder().forcePathStyle(true), endpoint).build();
    }

    public static S3Client s3(Emulators emulators) {
        return s3(emulators.s3Endpoint());
    }

    public static DynamoDbClient dynamoDb(Emulators emulators) {
        return dynamoDb(emulators.dynamoEndpoint());
    }

    public static SqsClient sqs(Emulators emulators) {
        return sqs(emulators.sqsEndpoint());
    }

    public static SesV2Client sesV2(Emulators emulators) {
        return sesV2(emulators.sesEndpoint());
    }
}
