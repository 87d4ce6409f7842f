package dev.glint.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side: what the transport sends Glint's API, and how it reads each answer. */
class HttpGlintTrackerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer api;
    private GreenMail greenMail;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private volatile String answer = "";

    record Request(String method, String path, String authorization, String idempotencyKey, String contentType,
            JsonNode body) {}

    @BeforeEach
    void start() throws IOException {
        greenMail = TestMails.greenMail();
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", this::handle);
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
        greenMail.stop();
    }

    /** Like the API with delivery client: one copy per recipient with its own pixel, unless told otherwise. */
    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        String out = answer;
        if (status == 201) {
            ObjectNode created = JSON.createObjectNode().put("id", "em_" + requests.size());
            ArrayNode copies = created.putArray("copies");
            int n = 0;
            for (String field : List.of("to", "cc", "bcc")) {
                for (JsonNode address : body.path(field)) {
                    copies.addObject().put("recipient", n).put("address", address.asText()).put("field", field)
                            .put("html", body.path("html").asText().replace("</body>",
                                    "<img src=\"http://t.test/o/" + n + ".gif\"></body>"))
                            .put("text", body.path("text").asText() + " http://t.test/c/" + n);
                    n++;
                }
            }
            out = created.toString();
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 201 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Properties props(String apiUrl) {
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.glint.api.url", apiUrl);
        props.setProperty("mail.glint.api.key", "glk_secret");
        props.setProperty("mail.glint.api.timeout", "5000");
        props.setProperty("mail.transport.protocol.rfc822", "glint");
        return props;
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    @Test
    void transportSendRegistersOverHttpAndDeliversTheAnsweredCopies() throws Exception {
        // GIVEN a session whose rfc822 transport is glint, pointed at the API
        Properties props = props(apiUrl());
        Session session = Session.getInstance(props);
        MimeMessage message = TestMails.rich(session, "bob@example.com", "carol@example.org", "dave@example.net");
        // WHEN the application sends the usual way
        Transport.send(message);
        // THEN the API got one POST /api/v1/emails with the key, a JSON body for client delivery and an idempotency key
        assertEquals(1, requests.size());
        Request request = requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v1/emails", request.path());
        assertEquals("Bearer glk_secret", request.authorization());
        assertEquals("application/json", request.contentType());
        assertTrue(request.idempotencyKey().startsWith("jakarta-mail-"), request.idempotencyKey());
        JsonNode body = request.body();
        assertEquals("client", body.path("delivery").asText());
        assertEquals("[\"bob@example.com\"]", body.path("to").toString());
        assertEquals("[\"carol@example.org\"]", body.path("cc").toString());
        assertEquals("[\"dave@example.net\"]", body.path("bcc").toString());
        assertEquals(TestMails.HTML, body.path("html").asText());
        assertEquals(TestMails.TEXT, body.path("text").asText());
        // AND each recipient got the copy the API answered for them
        List<String> order = List.of("bob@example.com", "carol@example.org", "dave@example.net");
        for (int i = 0; i < order.size(); i++) {
            String address = order.get(i);
            MimeMessage copy = greenMail.findReceivedMessages(u -> u.getEmail().equals(address), m -> true)
                    .findFirst().orElseThrow();
            String html = (String) TestMails.leaf(copy, "text/html").getContent();
            assertTrue(html.contains("http://t.test/o/" + i + ".gif"), address + ": " + html);
        }
    }

    @Test
    void aRefusalNamesTheStatusTitleAndEveryInvalidField() throws Exception {
        // GIVEN an API that answers 400 with a problem body
        status = 400;
        answer = """
                {"type":"https://glint.example/problems/validation","title":"Invalid request","status":400,
                 "errors":[{"field":"subject","detail":"must not contain control characters"}]}""";
        Session session = Session.getInstance(props(apiUrl()));
        MimeMessage message = TestMails.rich(session, "bob@example.com", "", "");
        // WHEN the message is sent
        MessagingException e = assertThrows(MessagingException.class, () -> Transport.send(message));
        // THEN the message carries the API's reasons, the status is kept, and nothing was sent
        GlintApiException cause = (GlintApiException) e.getCause();
        assertEquals(400, cause.status());
        assertTrue(e.getMessage().contains("Glint's API refused the mail: 400 Invalid request; subject must not contain"
                + " control characters"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aRejectedKeySaysWhichPropertyToCheckWithoutShowingTheKey() throws Exception {
        status = 401;
        answer = "{\"title\":\"Unauthorized\",\"status\":401}";
        Session session = Session.getInstance(props(apiUrl()));
        MimeMessage message = TestMails.rich(session, "bob@example.com", "", "");
        MessagingException e = assertThrows(MessagingException.class, () -> Transport.send(message));
        assertTrue(e.getMessage().contains("401 Unauthorized (check mail.glint.api.key)"), e.getMessage());
        assertTrue(!e.getMessage().contains("glk_secret"));
    }

    @Test
    void anOlderApiWithoutCopiesIsAClearFailure() throws Exception {
        status = 200;
        answer = "{\"id\":\"em_1\",\"recipients\":[]}";
        Session session = Session.getInstance(props(apiUrl()));
        MimeMessage message = TestMails.rich(session, "bob@example.com", "", "");
        MessagingException e = assertThrows(MessagingException.class, () -> Transport.send(message));
        assertTrue(e.getMessage().contains("without copies"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void anUnreachableApiIsNamedWithItsUrl() throws Exception {
        // GIVEN an API URL on a port nothing listens on
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Session session = Session.getInstance(props("http://127.0.0.1:" + closed));
        MimeMessage message = TestMails.rich(session, "bob@example.com", "", "");
        // WHEN the message is sent
        MessagingException e = assertThrows(MessagingException.class, () -> Transport.send(message));
        // THEN it says the API could not be reached, where, and that nothing was sent
        assertTrue(e.getMessage().contains("Glint's API at http://127.0.0.1:" + closed + "/api/v1/emails could not be"
                + " reached"), e.getMessage());
        assertEquals(0, ((GlintApiException) e.getCause()).status());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }
}
