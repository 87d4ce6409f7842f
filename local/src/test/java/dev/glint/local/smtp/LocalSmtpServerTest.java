package dev.glint.local.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the server over real sockets on 127.0.0.1 with a raw client that controls every byte. */
class LocalSmtpServerTest {
    private static final RecipientPolicy TRACKING_DOMAIN = RecipientPolicy.domain("glint.test");

    private final List<LocalSmtpServer> servers = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void closeServers() {
        servers.forEach(LocalSmtpServer::close);
    }

    private LocalSmtpServer start(SmtpOptions options, MessageSink sink) throws IOException {
        LocalSmtpServer server = LocalSmtpServer.start(options, TRACKING_DOMAIN, sink);
        servers.add(server);
        return server;
    }

    private LocalSmtpServer start() throws IOException {
        return start(SmtpOptions.defaults().withPort(0), sink);
    }

    /** MAIL, one RCPT and DATA for a message whose body the caller sends. */
    private static void openData(RawSmtpClient client) throws IOException {
        assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<inbox@glint.test>"));
        assertTrue(client.command("DATA").startsWith("354 "));
    }

    @Test
    void greetsAndAdvertisesExtensionsWithoutAuthOrStartTls() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.connect(server.port())) {
            String ehlo = client.command("EHLO client.test");
            assertEquals(List.of("250-localhost", "250-SIZE 26214400", "250-8BITMIME", "250-SMTPUTF8",
                    "250-PIPELINING", "250 ENHANCEDSTATUSCODES"), List.of(ehlo.split("\n")));
            assertEquals("250 localhost", client.command("HELO client.test"));
            assertEquals("502 5.5.1 Command not implemented", client.command("STARTTLS"));
            assertEquals("502 5.5.1 Command not implemented", client.command("AUTH PLAIN AGZvbwBiYXI="));
        }
    }

    @Test
    void deliversExactlyTheBytesAfterTheFinalDot() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com> SIZE=40 BODY=8BITMIME"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<Inbox@Glint.Test>"));
            assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
            client.send("Subject: hi\r\n\r\nline one\r\n.\r\n");
            assertTrue(client.reply().matches("250 2\\.0\\.0 Ok: queued as [0-9A-F]{14}"));
        }
        RecordingSink.Delivery delivery = sink.only();
        assertEquals("sender@example.com", delivery.mailFrom());
        assertEquals(List.of("Inbox@Glint.Test"), delivery.rcptTo());
        assertEquals("Subject: hi\r\n\r\nline one\r\n", delivery.text());
    }

    @Test
    void acceptsTheNullSender() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<>"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<bounce@glint.test>"));
            assertTrue(client.command("DATA").startsWith("354 "));
            client.send("Subject: Undelivered Mail Returned to Sender\r\n\r\nbounce\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));
        }
        assertEquals("", sink.only().mailFrom());
        assertEquals(List.of("bounce@glint.test"), sink.only().rcptTo());
    }

    @Test
    void removesTheStuffedDotOfLinesStartingWithADot() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            openData(client);
            client.send("..line\r\n...\r\n. not the end\r\nx\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals(".line\r\n..\r\n not the end\r\nx\r\n", sink.only().text());
    }

    @Test
    void aLoneDotEndsTheDataAndWhatFollowsIsACommand() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            openData(client);
            client.send("first\r\n.\r\nsecond\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));
            assertEquals("500 5.5.2 Command not recognized", client.reply()); // "second" was a command
            assertEquals("500 5.5.2 Command not recognized", client.reply()); // and so was "."
            assertEquals("250 2.0.0 Ok", client.command("NOOP"));
        }
        assertEquals("first\r\n", sink.only().text());
    }

    @Test
    void keepsBareLineFeedsAsSent() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            openData(client);
            client.send("Subject: bare\nline two\r\n..dot\nlone CR\rstays\n.\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals("Subject: bare\nline two\r\n.dot\nlone CR\rstays\n", sink.only().text());
    }

    @Test
    void deliversAnEmptyMessage() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            openData(client);
            client.send(".\r\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals(0, sink.only().rawMessage().length);
    }

    @Test
    void passesEightBitBytesAndUtf8AddressesThrough() throws IOException {
        LocalSmtpServer server = start();
        byte[] body = new byte[128 + 4];
        for (int i = 0; i < 128; i++) {
            body[i] = (byte) (0x80 + i);
        }
        body[128] = '\r';
        body[129] = '\n';
        body[130] = '.';
        body[131] = '\r';
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<jörg@exämple.test> SMTPUTF8 BODY=8BITMIME"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<zoë@glint.test>"));
            assertTrue(client.command("DATA").startsWith("354 "));
            client.send(body);
            client.send("\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        RecordingSink.Delivery delivery = sink.only();
        assertEquals("jörg@exämple.test", delivery.mailFrom());
        assertEquals(List.of("zoë@glint.test"), delivery.rcptTo());
        byte[] expected = new byte[130];
        System.arraycopy(body, 0, expected, 0, 130);
        assertArrayEquals(expected, delivery.rawMessage());
    }

    @Test
    void answersPipelinedCommandsSentInOneWrite() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            client.send("MAIL FROM:<sender@example.com>\r\nRCPT TO:<a@glint.test>\r\n"
                    + "RCPT TO:<b@glint.test>\r\nDATA\r\n");
            assertEquals("250 2.1.0 Ok", client.reply());
            assertEquals("250 2.1.5 Ok", client.reply());
            assertEquals("250 2.1.5 Ok", client.reply());
            assertTrue(client.reply().startsWith("354 "));
            client.send("Subject: piped\r\n\r\nbody\r\n.\r\nQUIT\r\n");
            assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));
            assertEquals("221 2.0.0 Bye", client.reply());
            assertTrue(client.closedByServer());
        }
        assertEquals(List.of("a@glint.test", "b@glint.test"), sink.only().rcptTo());
        assertEquals("Subject: piped\r\n\r\nbody\r\n", sink.only().text());
    }

    @Test
    void refusesAnOversizedMessageAfterItsEndAndDeliversNothing() throws IOException {
        LocalSmtpServer server = start(SmtpOptions.defaults().withPort(0).withMaxMessageBytes(100), sink);
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            openData(client);
            client.send("x".repeat(99) + "\r\n" + "y".repeat(5000) + "\r\n.\r\n");
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", client.reply());
            assertTrue(sink.deliveries.isEmpty());

            // the session goes on, and a message of exactly the limit is taken
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("RCPT TO:<inbox@glint.test>"));
            openData(client);
            client.send(".." + "z".repeat(97) + "\r\n.\r\n"); // 100 bytes once unstuffed
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals(100, sink.only().rawMessage().length);
    }

    @Test
    void refusesADeclaredSizeOverTheLimitAtMail() throws IOException {
        LocalSmtpServer server = start(SmtpOptions.defaults().withPort(0).withMaxMessageBytes(1000), sink);
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
                    client.command("MAIL FROM:<sender@example.com> SIZE=1001"));
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
                    client.command("MAIL FROM:<sender@example.com> SIZE=99999999999999999999"));
            assertEquals("501 5.5.4 Bad SIZE parameter", client.command("MAIL FROM:<sender@example.com> SIZE=ten"));
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("RCPT TO:<inbox@glint.test>"));
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com> SIZE=1000"));
        }
    }

    @Test
    void refusesUnknownMailAndRcptParameters() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("555 5.5.4 Unsupported BODY parameter",
                    client.command("MAIL FROM:<sender@example.com> BODY=BINARYMIME"));
            assertEquals("555 5.5.4 Unsupported parameter", client.command("MAIL FROM:<sender@example.com> RET=HDRS"));
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("555 5.5.4 Unsupported parameter", client.command("RCPT TO:<inbox@glint.test> NOTIFY=NEVER"));
        }
    }

    @Test
    void rejectsRecipientsOutsideTheTrackingDomainAndKeepsTheOthers() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<a@glint.test>"));
            assertEquals("550 5.7.1 relay denied", client.command("RCPT TO:<victim@example.org>"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<b@mail.glint.test>"));
            assertTrue(client.command("DATA").startsWith("354 "));
            client.send("Subject: x\r\n\r\ny\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals(List.of("a@glint.test", "b@mail.glint.test"), sink.only().rcptTo());
    }

    @Test
    void sendsAPolicyReasonAsOneSafeLine() throws IOException {
        LocalSmtpServer server = LocalSmtpServer.start(SmtpOptions.defaults().withPort(0),
                (from, rcpt) -> java.util.Optional.of("no\r\n250 2.1.5 Ok"), sink);
        servers.add(server);
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("550 5.7.1 no  250 2.1.5 Ok", client.command("RCPT TO:<a@glint.test>"));
            assertEquals("554 5.5.1 Error: no valid recipients", client.command("DATA"));
        }
    }

    @Test
    void refusesDataWithoutAnAcceptedRecipient() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("DATA"));
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("554 5.5.1 Error: no valid recipients", client.command("DATA"));
            assertEquals("550 5.7.1 relay denied", client.command("RCPT TO:<someone@example.org>"));
            assertEquals("554 5.5.1 Error: no valid recipients", client.command("DATA"));
            assertEquals("250 2.0.0 Ok", client.command("NOOP")); // the DATA refusal did not start reading a body
        }
        assertTrue(sink.deliveries.isEmpty());
    }

    @Test
    void answers451WhenTheSinkFailsAndTheSessionStaysUsable() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        MessageSink failingOnce = (from, rcpt, raw) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk full at /var/secret/path");
            }
            sink.deliver(from, rcpt, raw);
        };
        LocalSmtpServer server = start(SmtpOptions.defaults().withPort(0), failingOnce);
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            openData(client);
            client.send("Subject: one\r\n\r\n1\r\n.\r\n");
            String failure = client.reply();
            assertEquals("451 4.3.0 Error: local delivery failed, try again later", failure);

            openData(client);
            client.send("Subject: two\r\n\r\n2\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 2.0.0 Ok: queued as "));
        }
        assertEquals(2, calls.get());
        assertEquals("Subject: two\r\n\r\n2\r\n", sink.only().text());
    }

    @Test
    void rsetClearsTheTransaction() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<a@glint.test>"));
            assertEquals("250 2.0.0 Ok", client.command("RSET"));
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("DATA"));
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("RCPT TO:<b@glint.test>"));

            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<other@example.com>"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<c@glint.test>"));
            assertTrue(client.command("DATA").startsWith("354 "));
            client.send("x\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals("other@example.com", sink.only().mailFrom());
        assertEquals(List.of("c@glint.test"), sink.only().rcptTo());
    }

    @Test
    void ehloStartsOverLikeRset() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<a@glint.test>"));
            assertTrue(client.command("EHLO again.test").startsWith("250-localhost"));
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("DATA"));
        }
        assertTrue(sink.deliveries.isEmpty());
    }

    @Test
    void answers452PastTheRecipientLimit() throws IOException {
        LocalSmtpServer server = start(SmtpOptions.defaults().withPort(0).withMaxRecipients(3), sink);
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            for (int i = 1; i <= 3; i++) {
                assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<r" + i + "@glint.test>"));
            }
            assertEquals("452 4.5.3 Error: too many recipients", client.command("RCPT TO:<r4@glint.test>"));
            assertTrue(client.command("DATA").startsWith("354 "));
            client.send("x\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals(List.of("r1@glint.test", "r2@glint.test", "r3@glint.test"), sink.only().rcptTo());
    }

    @Test
    void acceptsAHundredRecipientsByDefault() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<sender@example.com>"));
            StringBuilder batch = new StringBuilder();
            for (int i = 1; i <= 101; i++) {
                batch.append("RCPT TO:<r").append(i).append("@glint.test>\r\n");
            }
            client.send(batch.toString());
            for (int i = 1; i <= 100; i++) {
                assertEquals("250 2.1.5 Ok", client.reply());
            }
            assertEquals("452 4.5.3 Error: too many recipients", client.reply());
        }
    }

    @Test
    void answersCommandsOutOfSequenceAndUnknownOnes() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.connect(server.port())) {
            assertEquals("503 5.5.1 Error: send HELO/EHLO first", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("501 5.5.4 Syntax: EHLO hostname", client.command("EHLO"));
            assertEquals("500 5.5.2 Command not recognized", client.command("FROB nicate"));
            assertEquals("500 5.5.2 Command not recognized", client.command(""));
            assertEquals("250 localhost", client.command("helo client.test"));
            assertEquals("503 5.5.1 Error: need MAIL command", client.command("RCPT TO:<a@glint.test>"));
            assertEquals("501 5.5.4 Syntax: MAIL FROM:<address>", client.command("MAIL <sender@example.com>"));
            assertEquals("501 5.1.7 Bad sender address syntax", client.command("MAIL FROM:<no-at-sign>"));
            assertEquals("250 2.1.0 Ok", client.command("mail from: <sender@example.com>"));
            assertEquals("503 5.5.1 Error: nested MAIL command", client.command("MAIL FROM:<sender@example.com>"));
            assertEquals("501 5.1.3 Bad recipient address syntax", client.command("RCPT TO:<>"));
            assertEquals("501 5.1.3 Bad recipient address syntax", client.command("RCPT TO:<a@glint.test"));
            assertEquals("252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery",
                    client.command("VRFY someone"));
            assertTrue(client.command("HELP").startsWith("214 2.0.0 "));
            assertEquals("502 5.5.1 Command not implemented", client.command("EXPN staff"));
            assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<\"odd > local@part\"@glint.test>"));
        }
    }

    @Test
    void refusesACommandLineLongerThanAThousandOctetsButNotALongDataLine() throws IOException {
        LocalSmtpServer server = start();
        String longLine = "y".repeat(20_000);
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("500 5.5.2 Line too long", client.command("NOOP " + "x".repeat(995)));
            assertEquals("250 2.0.0 Ok", client.command("NOOP " + "x".repeat(993))); // 1000 with CRLF
            openData(client);
            client.send(longLine + "\r\n.\r\n");
            assertTrue(client.reply().startsWith("250 "));
        }
        assertEquals(longLine + "\r\n", sink.only().text());
    }

    @Test
    void quitClosesTheConnection() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            assertEquals("221 2.0.0 Bye", client.command("QUIT"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void closesAnIdleSessionWith421() throws IOException {
        LocalSmtpServer server = start(SmtpOptions.defaults().withPort(0).withIdleTimeout(Duration.ofMillis(200)), sink);
        try (RawSmtpClient client = RawSmtpClient.connect(server.port())) {
            // after the greeting the client says nothing; the next thing it reads is the server giving up
            assertEquals("421 4.4.2 localhost Idle timeout, closing connection", client.reply());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void hangsUpOnAnHttpRequestWithoutReadingItsBodyAsCommands() throws IOException {
        LocalSmtpServer server = start();
        try (RawSmtpClient client = RawSmtpClient.connect(server.port())) {
            client.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n\r\n"
                    + "HELO x\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@glint.test>\r\nDATA\r\nspam\r\n.\r\n");
            assertEquals("421 4.7.0 localhost This is an SMTP server, not HTTP; closing connection", client.reply());
            assertTrue(client.closedByServer());
        }
        assertTrue(sink.deliveries.isEmpty());
    }

    @Test
    void closeEndsOpenSessionsAndStopsListening() throws IOException {
        LocalSmtpServer server = start();
        int port = server.port();
        try (RawSmtpClient idle = RawSmtpClient.ready(port);
                RawSmtpClient inData = RawSmtpClient.ready(port)) {
            openData(inData);
            inData.send("Subject: half\r\n\r\nnot finished\r\n");

            server.close();

            assertTrue(idle.closedByServer());
            assertTrue(inData.closedByServer());
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertTrue(sink.deliveries.isEmpty());
    }

    @Test
    void keepsTheStateOfInterleavedSessionsApart() throws IOException {
        LocalSmtpServer server = start();
        int sessions = 8;
        List<RawSmtpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                clients.add(RawSmtpClient.ready(server.port())); // all open at once
            }
            for (int i = 0; i < sessions; i++) {
                assertEquals("250 2.1.0 Ok", clients.get(i).command("MAIL FROM:<s" + i + "@example.com>"));
            }
            for (int i = sessions - 1; i >= 0; i--) {
                assertEquals("250 2.1.5 Ok", clients.get(i).command("RCPT TO:<r" + i + "@glint.test>"));
                assertTrue(clients.get(i).command("DATA").startsWith("354 "));
            }
            for (int i = 0; i < sessions; i++) {
                clients.get(i).send("Subject: " + i + "\r\n\r\nbody " + i + "\r\n.\r\n");
            }
            for (int i = 0; i < sessions; i++) {
                assertTrue(clients.get(i).reply().startsWith("250 2.0.0 Ok: queued as "));
            }
        } finally {
            for (RawSmtpClient client : clients) {
                client.close();
            }
        }
        assertEquals(sessions, sink.deliveries.size());
        for (RecordingSink.Delivery delivery : sink.deliveries) {
            String n = delivery.mailFrom().substring(1, delivery.mailFrom().indexOf('@'));
            assertEquals(List.of("r" + n + "@glint.test"), delivery.rcptTo());
            assertEquals("Subject: " + n + "\r\n\r\nbody " + n + "\r\n", delivery.text());
        }
        assertEquals(sessions, sink.deliveries.stream().map(RecordingSink.Delivery::mailFrom).distinct().count());
    }

    @Test
    void givesEachMessageItsOwnQueueId() throws IOException {
        LocalSmtpServer server = start();
        List<String> replies = new ArrayList<>();
        try (RawSmtpClient client = RawSmtpClient.ready(server.port())) {
            for (int i = 0; i < 3; i++) {
                openData(client);
                client.send("x\r\n.\r\n");
                replies.add(client.reply());
            }
        }
        assertEquals(3, replies.stream().distinct().count());
        assertFalse(replies.stream().anyMatch(r -> !r.startsWith("250 2.0.0 Ok: queued as ")));
    }
}
