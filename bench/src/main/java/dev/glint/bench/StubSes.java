package dev.glint.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * An SES v2 client whose HTTP layer reads each request body to the end and answers SendEmail
 * with a message id: the SDK's marshalling runs for real, nothing leaves the process.
 */
final class StubSes implements SdkHttpClient {
    private static final byte[] ANSWER = "{\"MessageId\":\"stub-0001\"}".getBytes(StandardCharsets.US_ASCII);
    long bodyBytes;

    static SesV2Client client(StubSes http) {
        return SesV2Client.builder()
                .httpClient(http)
                .region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://localhost:1"))
                .build();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        bodyBytes += in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Content-Length", String.valueOf(ANSWER.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(ANSWER)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public String clientName() {
        return "stub";
    }

    @Override
    public void close() {}
}
