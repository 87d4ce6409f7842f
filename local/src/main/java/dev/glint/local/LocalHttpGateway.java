package dev.glint.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays API Gateway (HTTP API, payload 2.0) on 127.0.0.1: each request becomes an
 * {@link APIGatewayV2HTTPEvent} for the same handler class Lambda runs, and the handler's
 * response goes back over HTTP. Limits follow Lambda's: a 6 MB request body at most.
 */
public final class LocalHttpGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalHttpGateway.class.getName());
    /** Lambda's synchronous invocation payload limit. */
    static final int MAX_BODY = 6 * 1024 * 1024;
    /** How much of an oversized body is read and dropped before answering 413. */
    private static final long MAX_DRAIN = 64L * 1024 * 1024;
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/problem+json",
            "application/x-www-form-urlencoded", "text/plain", "text/html");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A route: requests whose path starts with {@code prefix} go to {@code handler}. */
    public record Route(String prefix, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private LocalHttpGateway(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts on 127.0.0.1:{@code port} (0 picks a free port) with no routes yet: handlers that
     * need the base URL are built after the port is known, then added with {@link #route}.
     */
    public static LocalHttpGateway start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        LocalHttpGateway gateway = new LocalHttpGateway(server, executor);
        server.createContext("/", gateway::handle);
        server.setExecutor(executor);
        server.start();
        return gateway;
    }

    /** Adds a route; the first route whose prefix matches a path serves it. */
    public LocalHttpGateway route(String prefix,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        routes.add(new Route(prefix, handler));
        return this;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8787}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) { // inside the try: the exchange must still be open to answer
                LOG.log(Level.SEVERE, "handler failed", e);
                send(exchange, 500, Map.of("Content-Type", "application/problem+json"),
                        problem(500, "Internal Server Error", "The handler failed").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        {
            String path = exchange.getRequestURI().getRawPath();
            Route route = routes.stream().filter(r -> path.startsWith(r.prefix())).findFirst().orElse(null);
            if (route == null) {
                send(exchange, 404, Map.of("Content-Type", "application/problem+json"),
                        problem(404, "Not Found", "No route for " + path).getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Map.of("Content-Type", "application/problem+json"),
                        problem(413, "Payload Too Large", "Request bodies are limited to 6 MB")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayV2HTTPEvent event;
            try {
                event = event(exchange, body);
            } catch (IllegalArgumentException malformedQuery) { // e.g. "%zz": API Gateway refuses it too
                send(exchange, 400, Map.of("Content-Type", "application/problem+json"),
                        problem(400, "Bad Request", "The query string is not valid percent-encoding")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayV2HTTPResponse response = route.handler().handleRequest(event, null);
            respond(exchange, response);
        }
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(key, value, (a, b) -> a + "," + b); // API Gateway joins repeated keys
            }
        }
        String contentType = headers.getOrDefault("content-type", "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean text = body.length == 0 || TEXT_TYPES.contains(contentType) || contentType.startsWith("text/");
        Instant now = Instant.now();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withStage("$default")
                        .withRouteKey("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(uri.getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp(exchange, headers))
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    /** Loopback has no real client address; honour X-Forwarded-For as API Gateway behind a proxy would. */
    private static String sourceIp(HttpExchange exchange, Map<String, String> headers) {
        String forwarded = headers.get("x-forwarded-for");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private static void respond(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        send(exchange, response.getStatusCode(), headers, bytes);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                out.set(name, value);
            }
        });
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        if (head || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /**
     * The body, or null when it is larger than Lambda accepts. An oversized body is still read
     * (up to a bound) so that the client, which is still sending, gets to read the 413.
     */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length <= MAX_BODY) {
            return bytes;
        }
        long skipped = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; skipped < MAX_DRAIN && (n = in.read(sink)) > 0; ) {
            skipped += n;
        }
        return null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return dev.glint.model.Json.write(problem);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
