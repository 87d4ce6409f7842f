package dev.glint.local.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SMTP clients (Angus Mail, curl) against the server: what a user pointing a mail client at it gets. */
class LocalSmtpServerClientsTest {
    private final RecordingSink sink = new RecordingSink();
    private LocalSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = LocalSmtpServer.start(SmtpOptions.defaults().withPort(0), RecipientPolicy.domain("glint.test"), sink);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private Session mailSession() {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.localhost", "client.test");
        props.put("mail.smtp.connectiontimeout", "20000"); // safety nets, not synchronisation
        props.put("mail.smtp.timeout", "20000");
        return Session.getInstance(props);
    }

    private static MimeMessage multipart(Session session, String subject, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@example.com"));
        for (String rcpt : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
        }
        message.setSubject(subject);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello,\r\n.a line starting with a dot\r\n..and one with two\r\n.\r\nbye\r\n", "us-ascii");
        MimeBodyPart attachment = new MimeBodyPart();
        byte[] binary = new byte[3000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(binary, "application/octet-stream")));
        attachment.setFileName("data.bin");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();
        return message;
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void angusMailDeliversAMultipartMessageToTwoRecipientsByteForByte() throws Exception {
        Session session = mailSession();
        MimeMessage message = multipart(session, "two recipients", "alice@glint.test", "bob@in.glint.test");
        byte[] expected = bytes(message);

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }

        RecordingSink.Delivery delivery = sink.only();
        assertEquals("sender@example.com", delivery.mailFrom());
        assertEquals(List.of("alice@glint.test", "bob@in.glint.test"), delivery.rcptTo());
        assertArrayEquals(expected, delivery.rawMessage());
        assertTrue(delivery.text().contains("\r\n.a line starting with a dot\r\n..and one with two\r\n.\r\nbye"));
    }

    @Test
    void angusMailSeesARelayDenialForAForeignRecipientOnly() throws Exception {
        Session session = mailSession();
        MimeMessage message = multipart(session, "partial", "alice@glint.test", "victim@example.org");
        Properties props = session.getProperties();
        props.put("mail.smtp.sendpartial", "true");

        SendFailedException failure;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            failure = assertThrows(SendFailedException.class,
                    () -> transport.sendMessage(message, message.getAllRecipients()));
        }

        Address[] invalid = failure.getInvalidAddresses();
        assertEquals(1, invalid.length);
        assertEquals("victim@example.org", ((InternetAddress) invalid[0]).getAddress());
        assertEquals(List.of("alice@glint.test"), sink.only().rcptTo());
    }

    @Test
    void takesMessagesFromManyClientsAtOnce() throws Exception {
        int clients = 12;
        List<byte[]> expected = new ArrayList<>();
        List<Future<?>> sends = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                Session session = mailSession();
                MimeMessage message = multipart(session, "client " + i, "c" + i + "@glint.test");
                expected.add(bytes(message));
                sends.add(pool.submit(() -> {
                    try (Transport transport = session.getTransport("smtp")) { // Transport.send would re-save
                        transport.connect();
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(clients, sink.deliveries.size());
        List<RecordingSink.Delivery> byRecipient = sink.deliveries.stream()
                .sorted(Comparator.comparing(d -> Integer.parseInt(d.rcptTo().get(0).replaceAll("\\D", ""))))
                .toList();
        for (int i = 0; i < clients; i++) {
            assertEquals(List.of("c" + i + "@glint.test"), byRecipient.get(i).rcptTo());
            assertArrayEquals(expected.get(i), byRecipient.get(i).rawMessage(), "message of client " + i);
        }
    }

    @Test
    void curlSendsAFileWithMailRcpt(@TempDir Path dir) throws Exception {
        String content = "From: sender@example.com\r\nTo: a@glint.test\r\nSubject: from curl\r\n\r\n"
                + "first line\r\n.dot line\r\nlast line\r\n";
        Path file = Files.writeString(dir.resolve("mail.eml"), content, StandardCharsets.US_ASCII);
        Process curl = new ProcessBuilder("curl", "--silent", "--show-error",
                "--mail-from", "sender@example.com",
                "--mail-rcpt", "a@glint.test", "--mail-rcpt", "b@glint.test",
                "-T", file.toString(), "smtp://127.0.0.1:" + server.port() + "/client.test")
                .redirectErrorStream(true)
                .start();
        assertTrue(curl.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.exitValue(), output);

        RecordingSink.Delivery delivery = sink.only();
        assertEquals("sender@example.com", delivery.mailFrom());
        assertEquals(List.of("a@glint.test", "b@glint.test"), delivery.rcptTo());
        assertEquals(content, delivery.text());
    }
}
