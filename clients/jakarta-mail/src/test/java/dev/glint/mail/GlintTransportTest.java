package dev.glint.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.event.TransportAdapter;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The glint transport against a real SMTP server (GreenMail) with Glint's side faked in memory. */
class GlintTransportTest {
    private GreenMail greenMail;
    private final FakeGlint glint = new FakeGlint();
    private final BlockingQueue<TransportEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        greenMail = TestMails.greenMail();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private GlintTransport connected(Properties props) throws MessagingException {
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        transport.addTransportListener(new TransportAdapter() {
            @Override
            public void messageDelivered(TransportEvent e) {
                events.add(e);
            }

            @Override
            public void messageNotDelivered(TransportEvent e) {
                events.add(e);
            }

            @Override
            public void messagePartiallyDelivered(TransportEvent e) {
                events.add(e);
            }
        });
        transport.connect();
        return transport;
    }

    private MimeMessage received(String address) {
        List<MimeMessage> found = greenMail.findReceivedMessages(u -> u.getEmail().equals(address), m -> true).toList();
        assertEquals(1, found.size(), "messages for " + address);
        return found.get(0);
    }

    private TransportEvent nextEvent() throws InterruptedException {
        TransportEvent event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no transport event within 10 s");
        }
        return event;
    }

    @Test
    void isTheTransportOfProtocolGlint() throws Exception {
        // GIVEN a session that names glint as its transport protocol
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.transport.protocol", "glint");
        Session session = Session.getInstance(props);
        // WHEN its transports are asked for
        // THEN both the default transport and "glint" are a GlintTransport (META-INF/jakarta.providers)
        assertInstanceOf(GlintTransport.class, session.getTransport());
        assertInstanceOf(GlintTransport.class, session.getTransport("glint"));
    }

    @Test
    void eachRecipientGetsTheirOwnTrackedCopyWithEverythingElseKept() throws Exception {
        // GIVEN a rich message to two, cc one and bcc one
        Properties props = TestMails.properties(greenMail);
        GlintTransport transport = connected(props);
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com, carol@example.org",
                "dave@example.net", "erin@example.com");
        String messageId = message.getMessageID();

        // WHEN it is sent to all of them
        transport.sendMessage(message, message.getAllRecipients());
        // (events are read before close: Jakarta Mail's event thread may drop what close() races)
        TransportEvent event = nextEvent();
        transport.close();

        // THEN Glint was told the mail once, with its recipients by field and a key from the Message-ID
        assertEquals(1, glint.registrations().size());
        GlintTracker.Registration registered = glint.registrations().get(0);
        assertEquals(List.of("bob@example.com", "carol@example.org"), registered.to());
        assertEquals(List.of("dave@example.net"), registered.cc());
        assertEquals(List.of("erin@example.com"), registered.bcc());
        assertEquals("\"Alice Ärger\" <alice@example.com>", registered.from());
        assertEquals("The Q3 report – final", registered.subject());
        assertEquals(TestMails.HTML, registered.html());
        assertEquals(TestMails.TEXT, registered.text());
        assertTrue(registered.idempotencyKey().orElseThrow().matches("jakarta-mail-[A-Za-z0-9_-]{43}"));

        // AND each recipient received one copy with their own pixel and click URL
        List<String> order = List.of("bob@example.com", "carol@example.org", "dave@example.net", "erin@example.com");
        Set<String> pixels = new HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            MimeMessage copy = received(order.get(i));
            String html = (String) TestMails.leaf(copy, "text/html").getContent();
            String text = (String) TestMails.leaf(copy, "text/plain").getContent();
            assertTrue(html.contains(FakeGlint.pixel(1, i)), html);
            pixels.add(FakeGlint.pixel(1, i));
            assertTrue(text.endsWith("[" + FakeGlint.click(1, i) + "]"), text);
            assertTrue(html.contains("Grüße") && text.startsWith("Grüße"), "non-ASCII text survives");
            assertTrue(html.contains("cid:logo@app.example"), "the inline image reference is kept");

            // AND headers are the message's: From, Subject, To, Cc, Message-ID, the app's own; no Bcc
            assertEquals(messageId, copy.getMessageID());
            assertEquals("The Q3 report – final", copy.getSubject());
            assertEquals("4711", copy.getHeader("X-App-Order", null));
            assertEquals(List.of("bob@example.com", "carol@example.org"), addresses(copy.getRecipients(Message.RecipientType.TO)));
            assertEquals(List.of("dave@example.net"), addresses(copy.getRecipients(Message.RecipientType.CC)));
            assertNull(copy.getHeader("Bcc"), "Bcc is never visible");
            assertFalse(TestMails.raw(copy).contains("erin@example.com"), "not even in the raw copy");

            // AND the attachment and the inline image decode to the very same bytes
            Part pdf = TestMails.leaf(copy, "application/pdf");
            assertEquals("report.pdf", pdf.getFileName());
            assertEquals(Part.ATTACHMENT, pdf.getDisposition());
            assertArrayEquals(TestMails.PDF, TestMails.decoded(pdf));
            MimeMessage logoHolder = copy;
            Part logo = TestMails.leaf(logoHolder, "image/png");
            assertArrayEquals(TestMails.LOGO, TestMails.decoded(logo));
            assertEquals("<logo@app.example>", ((jakarta.mail.internet.MimePart) logo).getContentID());
            assertTrue(TestMails.leaf(copy, "text/html").getContentType().toLowerCase().contains("charset=utf-8"));
        }
        assertEquals(4, pixels.size());
        assertEquals(4, greenMail.getReceivedMessages().length, "one copy each, nothing else");

        // AND listeners hear that the message was delivered to all four
        assertEquals(TransportEvent.MESSAGE_DELIVERED, event.getType());
        assertEquals(4, event.getValidSentAddresses().length);
    }

    @Test
    void onlyTheAddressesPassedAreRegisteredAndSentAndUnnamedOnesAreBcc() throws Exception {
        // GIVEN a message to bob and carol, sent to carol and to an address no header names
        Properties props = TestMails.properties(greenMail);
        GlintTransport transport = connected(props);
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com, carol@example.org", "", "");
        // WHEN it is sent to carol and frank only
        transport.sendMessage(message, new Address[] {new InternetAddress("Carol@Example.org"),
                new InternetAddress("frank@example.com")});
        transport.close();
        // THEN only they are registered (frank as bcc) and only they receive a copy
        GlintTracker.Registration registered = glint.registrations().get(0);
        assertEquals(List.of("Carol@Example.org"), registered.to());
        assertEquals(List.of(), registered.cc());
        assertEquals(List.of("frank@example.com"), registered.bcc());
        assertEquals(2, greenMail.getReceivedMessages().length);
        assertTrue(greenMail.findReceivedMessages(u -> u.getEmail().equals("bob@example.com"), m -> true).findAny().isEmpty());
        assertEquals(List.of("bob@example.com", "carol@example.org"),
                addresses(received("frank@example.com").getRecipients(Message.RecipientType.TO)));
    }

    @Test
    void singlePartMailsKeepTheirTypeAndCharset() throws Exception {
        // GIVEN a text/plain-only mail in ISO-8859-1 and an html-only mail
        Properties props = TestMails.properties(greenMail);
        Session session = Session.getInstance(props);
        GlintTransport transport = connected(props);
        MimeMessage plain = new MimeMessage(session);
        plain.setFrom("alice@example.com");
        plain.setRecipients(Message.RecipientType.TO, "bob@example.com");
        plain.setSubject("Straße");
        plain.setText("Schöne Grüße: https://example.com/a", "ISO-8859-1");
        plain.saveChanges();
        MimeMessage html = new MimeMessage(session);
        html.setFrom("alice@example.com");
        html.setRecipients(Message.RecipientType.TO, "carol@example.org");
        html.setSubject("HTML only");
        html.setText("<html><body><a href=\"https://example.com/b\">b</a></body></html>", "UTF-8", "html");
        html.saveChanges();
        // WHEN both are sent
        transport.sendMessage(plain, plain.getAllRecipients());
        transport.sendMessage(html, html.getAllRecipients());
        transport.close();
        // THEN the text copy is text/plain in ISO-8859-1 with its click URL, and Glint saw no html
        MimeMessage bob = received("bob@example.com");
        assertTrue(bob.isMimeType("text/plain"));
        assertTrue(bob.getContentType().toLowerCase().contains("charset=iso-8859-1"), bob.getContentType());
        assertEquals("Schöne Grüße: https://example.com/a\n[" + FakeGlint.click(1, 0) + "]",
                ((String) bob.getContent()).replace("\r\n", "\n"));
        assertNull(glint.registrations().get(0).html());
        // AND the html copy is text/html with its pixel, and Glint saw no text
        MimeMessage carol = received("carol@example.org");
        assertTrue(carol.isMimeType("text/html"));
        assertTrue(((String) carol.getContent()).contains(FakeGlint.pixel(2, 0)));
        assertNull(glint.registrations().get(1).text());
    }

    @Test
    void whenGlintIsUnreachableTheDefaultIsToFailAndSendNothing() throws Exception {
        // GIVEN Glint's API cannot be reached, and on-failure is left at its default
        glint.failWith(new GlintApiException("Glint's API at http://127.0.0.1:9/api/v1/emails could not be reached", 0, null));
        Properties props = TestMails.properties(greenMail);
        GlintTransport transport = connected(props);
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com", "", "");
        // WHEN the message is sent
        MessagingException e = assertThrows(MessagingException.class,
                () -> transport.sendMessage(message, message.getAllRecipients()));
        TransportEvent event = nextEvent();
        transport.close();
        // THEN the exception says why and what to do, nothing reached the server, listeners hear so
        assertTrue(e.getMessage().contains("Glint could not track this message, so nothing was sent"), e.getMessage());
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
        assertTrue(e.getMessage().contains("mail.glint.on-failure=send-untracked"), e.getMessage());
        assertInstanceOf(GlintApiException.class, e.getCause());
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals(TransportEvent.MESSAGE_NOT_DELIVERED, event.getType());
        assertEquals(1, event.getValidUnsentAddresses().length);
    }

    @Test
    void whenGlintIsUnreachableSendUntrackedSendsTheOriginalToEveryone() throws Exception {
        // GIVEN Glint's API cannot be reached, and on-failure=send-untracked
        glint.failWith(new GlintApiException("Glint's API refused the mail: 503", 503, null));
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.glint.on-failure", "send-untracked");
        GlintTransport transport = connected(props);
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com", "carol@example.org", "");
        // WHEN the message is sent
        transport.sendMessage(message, message.getAllRecipients());
        TransportEvent event = nextEvent();
        transport.close();
        // THEN both got the original, untouched bodies
        for (String address : List.of("bob@example.com", "carol@example.org")) {
            MimeMessage got = received(address);
            assertEquals(TestMails.HTML, TestMails.leaf(got, "text/html").getContent());
            assertEquals(TestMails.TEXT, TestMails.leaf(got, "text/plain").getContent());
        }
        assertEquals(TransportEvent.MESSAGE_DELIVERED, event.getType());
    }

    @Test
    void aMailWithNothingToTrackFollowsTheFailurePolicy() throws Exception {
        // GIVEN a mail whose only part is an attachment
        Properties props = TestMails.properties(greenMail);
        GlintTransport transport = connected(props);
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom("alice@example.com");
        message.setRecipients(Message.RecipientType.TO, "bob@example.com");
        message.setSubject("Data");
        message.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(TestMails.PDF, "application/pdf")));
        message.setFileName("data.pdf");
        message.saveChanges();
        // WHEN it is sent
        MessagingException e = assertThrows(MessagingException.class,
                () -> transport.sendMessage(message, message.getAllRecipients()));
        // THEN it says there is no body to track, and Glint was not even asked
        assertTrue(e.getMessage().contains("no text/html or text/plain body to track"), e.getMessage());
        assertTrue(glint.registrations().isEmpty());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void theSameMessageToTheSameRecipientsHasTheSameKeyAndAnotherRecipientAnother() throws Exception {
        // GIVEN a saved message
        Properties props = TestMails.properties(greenMail);
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com", "", "");
        List<InternetAddress> bob = List.of(new InternetAddress("bob@example.com"));
        // WHEN keys are derived for it twice, for another recipient, and after a new Message-ID
        String first = GlintTransport.idempotencyKey(message, bob).orElseThrow();
        String again = GlintTransport.idempotencyKey(message, List.of(new InternetAddress("BOB@example.com"))).orElseThrow();
        String other = GlintTransport.idempotencyKey(message, List.of(new InternetAddress("carol@example.org"))).orElseThrow();
        message.saveChanges();
        String resaved = GlintTransport.idempotencyKey(message, bob).orElseThrow();
        // THEN only the same Message-ID and recipients give the same key
        assertEquals(first, again);
        assertFalse(first.equals(other));
        assertFalse(first.equals(resaved), "saveChanges gives a new Message-ID, so a new key");
    }

    @Test
    void refusesBadConfigurationNamingTheProperty() {
        // GIVEN sessions without the API key, with a bad URL, and with an unknown failure mode
        Properties noKey = TestMails.properties(greenMail);
        noKey.remove("mail.glint.api.key");
        Properties badUrl = TestMails.properties(greenMail);
        badUrl.setProperty("mail.glint.api.url", "ftp://glint.example");
        Properties badMode = TestMails.properties(greenMail);
        badMode.setProperty("mail.glint.on-failure", "retry");
        // WHEN the transport connects
        // THEN it fails before any SMTP connection, naming the property
        assertTrue(connectError(noKey).contains("mail.glint.api.key is not set"));
        assertTrue(connectError(badUrl).contains("mail.glint.api.url must be an http or https URL"));
        assertTrue(connectError(badMode).contains("mail.glint.on-failure must be fail or send-untracked, not retry"));
    }

    private String connectError(Properties props) {
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        MessagingException e = assertThrows(MessagingException.class, transport::connect);
        assertFalse(transport.isConnected());
        return e.getMessage();
    }

    @Test
    void sendingWhenNotConnectedIsAnIllegalState() throws Exception {
        Properties props = TestMails.properties(greenMail);
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com", "", "");
        assertThrows(IllegalStateException.class, () -> transport.sendMessage(message, message.getAllRecipients()));
    }

    private static List<String> addresses(Address[] list) {
        return java.util.Arrays.stream(list).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

}
