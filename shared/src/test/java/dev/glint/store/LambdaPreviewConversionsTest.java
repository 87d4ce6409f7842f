package dev.glint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.glint.config.AwsClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The hand-off to the converter function, against a real HTTP server speaking Lambda's Invoke API. */
class LambdaPreviewConversionsTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void invokesTheConverterAsynchronouslyWithTheAttachmentId() throws IOException {
        LambdaPreviewConversions conversions = conversions(202);
        conversions.request("att_abcdefghjkmnpqrstvwx");
        assertEquals(List.of("POST /2015-03-31/functions/glint-converter/invocations Event {\"attachmentId\":\"att_abcdefghjkmnpqrstvwx\"}"),
                requests);
    }

    @Test
    void aRefusedInvokeIsAFailureTheCallerSees() throws IOException {
        LambdaPreviewConversions conversions = conversions(200); // a synchronous answer: not what was asked
        assertThrows(IllegalStateException.class, () -> conversions.request("att_abcdefghjkmnpqrstvwx"));
    }

    private LambdaPreviewConversions conversions(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type") + " " + body);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new LambdaPreviewConversions(AwsClients.build(LambdaClient.builder(), Optional.of(endpoint), "us-east-1"),
                "glint-converter");
    }
}
