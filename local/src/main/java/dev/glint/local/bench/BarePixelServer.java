package dev.glint.local.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline: a bare JDK {@link HttpServer} on 127.0.0.1 answering every path with the pixel
 * Glint serves (same 43 bytes, same headers), built like the local gateway (same backlog, virtual
 * threads) so that the only difference measured is what Glint does per hit.
 */
final class BarePixelServer implements AutoCloseable {
    /** The 1×1 transparent GIF of the track function's TrackResponses (43 bytes). */
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final String NO_CACHE = "no-cache, no-store, must-revalidate, private, max-age=0";

    private final HttpServer server;
    private final ExecutorService executor;

    private BarePixelServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free port of 127.0.0.1. */
    static BarePixelServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", BarePixelServer::answer);
        server.setExecutor(executor);
        server.start();
        return new BarePixelServer(server, executor);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes(); // as the gateway does before invoking a handler
            Headers out = exchange.getResponseHeaders();
            out.set("Content-Type", "image/gif");
            out.set("Cache-Control", NO_CACHE);
            out.set("Pragma", "no-cache");
            out.set("Expires", "0");
            out.set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, GIF.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(GIF);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
