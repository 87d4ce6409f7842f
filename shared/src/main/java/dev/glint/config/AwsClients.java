package dev.glint.config;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients the same way everywhere: the lightweight URL-connection HTTP client, and
 * for the local stack an endpoint override with dummy credentials.
 */
public final class AwsClients {
    private AwsClients() {}

    /** A client for Lambda (region and credentials from the environment) or a local endpoint. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Optional<URI> endpoint, String region) {
        return configure(builder, endpoint, region).build();
    }

    /** The same settings on a builder the caller may customise further. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Optional<URI> endpoint, String region) {
        builder.region(Region.of(region)).httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return builder;
    }
}
