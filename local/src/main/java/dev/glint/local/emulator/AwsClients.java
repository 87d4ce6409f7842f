package dev.glint.local.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK v2 clients pointed at local emulators: endpoint override, dummy static credentials, us-east-1. */
public final class AwsClients {

    /** The region every local client uses; fauxqs puts it in queue URLs and ARNs. */
    public static final Region REGION = Region.US_EAST_1;

    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private AwsClients() {
    }

    /** Dummy credentials; the emulators accept any. */
    public static AwsCredentialsProvider credentials() {
        return CREDENTIALS;
    }

    /** Configures any sync client builder for a local endpoint; callers may customise it further before build(). */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder, URI endpoint) {
        return builder
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return local(DynamoDbClient.builder(), endpoint).build();
    }

    /** Always use this (never a bare queue URL host): fauxqs queue URLs name host sqs.us-east-1.localhost. */
    public static SqsClient sqs(URI endpoint) {
        return local(SqsClient.builder(), endpoint).build();
    }

    public static SesV2Client sesV2(URI endpoint) {
        return local(SesV2Client.builder(), endpoint).build();
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
