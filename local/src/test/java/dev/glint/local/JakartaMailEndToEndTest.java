package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.glint.model.Json;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta Mail transport end to end: an application's Transport → the real local API
 * (delivery client) → GreenMail receives each tracked copy → its pixel, fetched from the local
 * runner, is an open in the email's stats.
 */
class JakartaMailEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern PIXEL = Pattern.compile("src=\"(http://127\\.0\\.0\\.1:\\d+/o/[A-Za-z0-9_-]+\\.gif)\"");

    private static LocalRunner runner;
    private static GreenMail greenMail;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(new LocalRunner.Options(null, 0,
                Path.of(System.getProperty("glint.emulators.dir")), Files.createTempDirectory("glint-jm-logs")));
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void eachRecipientReceivesATrackedCopyWhosePixelRecordsAnOpenAndARetryIsRegisteredOnce() throws Exception {
        // GIVEN an application session whose transport is glint, pointed at the local API and GreenMail
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", "glint");
        props.setProperty("mail.glint.api.url", runner.baseUri().toString());
        props.setProperty("mail.glint.api.key", runner.apiKey());
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        Session session = Session.getInstance(props);
        String subject = "Jakarta Mail report " + System.nanoTime();
        MimeMessage message = new MimeMessage(session);
        message.setFrom("alice@example.com");
        message.setRecipients(Message.RecipientType.TO, "bob@example.com");
        message.setRecipients(Message.RecipientType.CC, "carol@example.org");
        message.setSubject(subject);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The report: https://example.com/q3", "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<html><body><p><a href=\"https://example.com/q3\">The report</a></p></body></html>", "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();

        // WHEN it is sent, and sent again on the same connection as a retry would (same Message-ID)
        try (Transport transport = session.getTransport()) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            transport.sendMessage(message, message.getAllRecipients());
        }

        // THEN Glint stored one email for both sends, each recipient sent and without a provider message id
        List<JsonNode> emails = new ArrayList<>();
        getJson("/api/v1/emails?limit=100").path("items").forEach(e -> {
            if (e.path("subject").asText().equals(subject)) {
                emails.add(e);
            }
        });
        assertEquals(1, emails.size(), "a retry with the same Message-ID is not registered twice");
        String emailId = emails.get(0).path("id").asText();
        JsonNode detail = getJson("/api/v1/emails/" + emailId);
        assertEquals(2, detail.path("recipients").size());
        for (JsonNode r : detail.path("recipients")) {
            assertEquals("sent", r.path("status").asText());
            assertTrue(r.path("messageId").isNull());
        }

        // AND GreenMail received two copies per recipient (the application sent twice), each tracked
        assertTrue(greenMail.waitForIncomingEmail(DEADLINE.toMillis(), 4));
        Set<String> bobPixels = new HashSet<>();
        Set<String> allPixels = new HashSet<>();
        for (String address : List.of("bob@example.com", "carol@example.org")) {
            List<MimeMessage> got = greenMail.findReceivedMessages(u -> u.getEmail().equals(address), m -> true).toList();
            assertEquals(2, got.size(), address);
            for (MimeMessage copy : got) {
                assertEquals(subject, copy.getSubject());
                assertEquals(message.getMessageID(), copy.getMessageID());
                String copyHtml = part(copy, "text/html");
                assertFalse(copyHtml.contains("href=\"https://example.com/q3\""), "the link is tracked");
                String pixel = first(PIXEL, copyHtml);
                allPixels.add(pixel);
                if (address.startsWith("bob")) {
                    bobPixels.add(pixel);
                }
                assertTrue(part(copy, "text/plain").contains(runner.baseUri().toString() + "c/")
                        || part(copy, "text/plain").contains(runner.baseUri().toString() + "/c/"), "text link tracked");
            }
        }
        assertEquals(4, allPixels.size(), "every copy has its own sealed pixel URL");

        // WHEN bob's first copy is opened in a mail client
        HttpResponse<byte[]> pixel = http.send(HttpRequest.newBuilder(URI.create(bobPixels.iterator().next()))
                .header("User-Agent", "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // THEN it is a GIF, and the email's stats show one open, by bob
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("content-type").orElse(""));
        JsonNode stats = awaitJson("/api/v1/emails/" + emailId + "/stats", s -> s.path("opens").asInt() == 1);
        assertEquals(2, stats.path("sent").asInt());
        JsonNode opens = getJson("/api/v1/emails/" + emailId + "/events?type=open");
        assertEquals(1, opens.path("items").size());
        assertEquals(0, opens.at("/items/0/recipient").asInt(), "bob is recipient 0");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart p = multipart.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .header("Authorization", "Bearer " + runner.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        JsonNode json;
        do {
            json = getJson(path);
            if (done.test(json)) {
                return json;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval, not a wait for time
        } while (Instant.now().isBefore(end));
        throw new AssertionError(path + " did not reach the expected state in " + DEADLINE + ": " + json);
    }
}
