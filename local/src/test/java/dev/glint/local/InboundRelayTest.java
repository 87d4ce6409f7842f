package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.attach.AttachmentService;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.hit.HitRecorder;
import dev.glint.model.Attachment;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.S3AttachmentObjects;
import dev.glint.inbound.InboundHandler;
import dev.glint.inbound.S3RawMessages;
import dev.glint.local.emulator.AwsClients;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.local.emulator.Emulators;
import dev.glint.mime.MessageBytes;
import dev.glint.mime.MimePart;
import dev.glint.mime.MimeScanner;
import dev.glint.mime.TransferCodec;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.RecipientRecord;
import dev.glint.model.Sender;
import dev.glint.model.TrackingEvent;
import dev.glint.relay.InboundRelay;
import dev.glint.relay.ReceiptAddresses;
import dev.glint.relay.RelayOutcome;
import dev.glint.relay.TrackingAddresses;
import dev.glint.send.MailSendException;
import dev.glint.send.MailSender;
import dev.glint.send.OutgoingMail;
import dev.glint.send.RawMailSender;
import dev.glint.send.SesMailSender;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import dev.glint.store.DynamoSenderStore;
import dev.glint.token.AddressTags;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The tracking-address relay against the emulators: S3 (fauxqs) holds the received message,
 * DynamoDB (dynalite) the senders, emails and events, and SES (aws-ses-v2-local) takes every
 * copy and notice. A recording decorator keeps the exact bytes and envelope recipient of each
 * copy, which the SES emulator's store does not.
 */
class InboundRelayTest {
    private static final String DOMAIN = "t.glint.test";
    private static final String ACCOUNT = "acct_relaytest01";
    private static final Pattern PIXEL = Pattern.compile("https://track\\.test/o/([A-Za-z0-9_-]+)\\.gif");
    private static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static Emulators emulators;
    private static DynamoDbClient dynamo;
    private static S3Client s3;
    private static SesV2Client ses;
    private static KeyRing keys;

    private final List<Copy> copies = new CopyOnWriteArrayList<>();
    private final List<OutgoingMail> notices = new CopyOnWriteArrayList<>();
    private final List<String> refuse = new ArrayList<>();
    private DynamoSenderStore senders;
    private DynamoEmailStore emails;
    private DynamoEventStore events;
    private InboundHandler handler;
    private ReceiptAddresses receipts;
    private TokenSealer sealer;
    private DynamoAttachmentStore attachmentStore;

    record Copy(String to, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    @BeforeAll
    static void startEmulators() throws IOException {
        emulators = Emulators.start(EmulatorOptions.inMemory(Path.of(System.getProperty("glint.emulators.dir")),
                Files.createTempDirectory("glint-relay-logs")));
        dynamo = AwsClients.dynamoDb(emulators);
        s3 = AwsClients.s3(emulators);
        ses = AwsClients.sesV2(emulators);
        LocalResources.createTables(dynamo);
        LocalResources.createInboundBucket(s3);
        LocalResources.createAttachmentsBucket(s3);
        keys = KeyRing.generate();
    }

    @AfterAll
    static void stopEmulators() {
        if (emulators != null) {
            emulators.close();
        }
    }

    @BeforeEach
    void relay() {
        senders = new DynamoSenderStore(dynamo, LocalResources.MAIN_TABLE);
        emails = new DynamoEmailStore(dynamo, LocalResources.MAIN_TABLE);
        events = new DynamoEventStore(dynamo, LocalResources.EVENTS_TABLE, Clock.systemUTC());
        SesMailSender sesSender = new SesMailSender(ses, Optional.empty());
        RawMailSender recording = (from, to, message) -> {
            if (refuse.contains(to)) {
                throw new MailSendException("SES refused the message: test refusal", new IllegalStateException(), true);
            }
            String id = sesSender.sendRaw(from, to, message);
            copies.add(new Copy(to, message));
            return id;
        };
        MailSender noticeSender = mail -> {
            notices.add(mail);
            return sesSender.send(mail);
        };
        TrackingAddresses addresses = new TrackingAddresses(DOMAIN);
        receipts = new ReceiptAddresses(addresses, new AddressTags(keys));
        sealer = new TokenSealer(keys);
        attachmentStore = new DynamoAttachmentStore(dynamo, LocalResources.MAIN_TABLE);
        AttachmentService attachmentService = new AttachmentService(attachmentStore,
                S3AttachmentObjects.create(Optional.of(emulators.s3Endpoint()), AwsClients.REGION,
                        LocalResources.ATTACHMENTS_BUCKET),
                LibreOfficeConverter.onPath(), AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
        InboundRelay relay = new InboundRelay(addresses, receipts, senders, emails,
                HitRecorder.forMailEvents(events, emails), sealer, recording, noticeSender,
                new InboundRelay.Settings("https://track.test", Duration.ofDays(30), 64 * 1024, "postmaster@" + DOMAIN),
                Clock.systemUTC(), attachmentService);
        handler = new InboundHandler(relay, new S3RawMessages(s3, LocalResources.INBOUND_BUCKET,
                LocalResources.INBOUND_PREFIX, Path.of(System.getProperty("java.io.tmpdir"))));
        senders.put(new Sender("alice@sender.test", ACCOUNT, true, true, false, Instant.now()));
    }

    @Test
    void eachTrackingRecipientGetsItsOwnCopyWithTheSuffixGoneAndEveryOtherPartUntouched() throws Exception {
        // GIVEN a mail to bob (To) and dave (Bcc, envelope only) through tracking addresses, carol (Cc) direct
        String message = mail("Alice <alice@sender.test>",
                "\"Bob B.\" <bob@example.com." + DOMAIN + ">", "carol@example.org", "Quarterly =?UTF-8?B?UmVwb3J0IOKckw==?=");

        // WHEN SES delivers it
        List<RelayOutcome> outcomes = deliver("msg-relay-1", "alice@sender.test",
                List.of("bob@example.com." + DOMAIN, "DAVE@Example.NET." + DOMAIN), message, "PASS");

        // THEN two copies went out, one per tracking recipient, to the real addresses
        assertEquals("relayed", outcomes.getFirst().status());
        assertEquals(2, outcomes.getFirst().sent());
        assertEquals(List.of("bob@example.com", "DAVE@example.net"), copies.stream().map(Copy::to).toList());
        List<String> pixels = new ArrayList<>();
        for (Copy copy : copies) {
            String text = copy.text();
            assertFalse(text.toLowerCase().contains(DOMAIN), "no tracking suffix anywhere in a copy");
            assertTrue(text.contains("To: \"Bob B.\" <bob@example.com>\r\n"), "To keeps its display name");
            assertTrue(text.contains("Cc: carol@example.org\r\n"), "untracked Cc left as it is");
            assertFalse(text.contains("\r\nBcc:"), "no Bcc header");
            assertFalse(text.contains("DKIM-Signature:"), "the sender's broken signature is dropped");
            assertTrue(text.contains("Subject: Quarterly =?UTF-8?B?UmVwb3J0IOKckw==?=\r\n"), "encoded words kept as bytes");
            MessageBytes bytes = MessageBytes.of(copy.bytes());
            String html = new String(TransferCodec.decodeQuotedPrintable(rawBody(bytes, 1).getBytes(StandardCharsets.ISO_8859_1)),
                    StandardCharsets.UTF_8);
            assertTrue(html.contains("<p>Hello Bob \u2713</p>"), "the HTML keeps its UTF-8 text");
            assertFalse(html.contains("href=\"https://example.com/report\""), "the link is rewritten");
            Matcher pixel = PIXEL.matcher(html);
            assertTrue(pixel.find(), "the copy has a pixel");
            pixels.add(pixel.group(1));
            MimePart root = MimeScanner.scan(bytes);
            List<MimePart> leaves = root.leaves();
            assertEquals(3, leaves.size());
            assertEquals(rawBody(MessageBytes.of(message.getBytes(StandardCharsets.ISO_8859_1)), 0), rawBody(bytes, 0),
                    "text part byte-identical");
            assertArrayEquals(PDF, Base64.getMimeDecoder().decode(rawBody(bytes, 2)), "attachment byte-identical");
        }
        // and each pixel names its own recipient of the stored email
        EmailRecord email = emails.find(outcomes.getFirst().emailId()).orElseThrow();
        assertEquals("Quarterly Report \u2713", email.subject());
        assertEquals(List.of("https://example.com/report"), email.links());
        for (int i = 0; i < 2; i++) {
            TokenResult opened = sealer.open(pixels.get(i), Instant.now());
            assertEquals(i, ((TokenResult.Valid) opened).claims().recipient());
        }
        List<RecipientRecord> recipients = emails.recipients(email.id());
        assertEquals(List.of("to", "bcc"), recipients.stream().map(RecipientRecord::field).toList());
        assertEquals(List.of("sent", "sent"), recipients.stream().map(RecipientRecord::status).toList());
    }

    @Test
    void aSenderWhoWantsLinksGetsItsAttachmentsStoredAndEachCopyLinksToThem() throws Exception {
        // GIVEN a sender whose relayed attachments become tracked download links
        senders.put(new Sender("linker@sender.test", ACCOUNT, true, true, false, Instant.now(), Attachment.Mode.DOWNLOAD));
        String message = mail("linker@sender.test", "bob@example.com." + DOMAIN, null, "With a PDF");

        // WHEN it is relayed (twice: Lambda's retry of the same event)
        RelayOutcome outcome = deliver("msg-links-1", "linker@sender.test", List.of("bob@example.com." + DOMAIN),
                message, "PASS").getFirst();
        deliver("msg-links-1", "linker@sender.test", List.of("bob@example.com." + DOMAIN), message, "PASS");

        // THEN the copy carries no PDF part but a card linking to bob's own attachment token
        assertEquals("relayed", outcome.status());
        assertEquals(1, copies.size(), "the retry sent nothing again");
        MessageBytes bytes = MessageBytes.of(copies.getFirst().bytes());
        List<MimePart> leaves = MimeScanner.scan(bytes).leaves();
        assertEquals(2, leaves.size(), "text and HTML only");
        String html = new String(TransferCodec.decodeQuotedPrintable(rawBody(bytes, 1).getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.UTF_8);
        Matcher link = Pattern.compile("https://track\\.test/a/([A-Za-z0-9_-]+)").matcher(html);
        assertTrue(link.find(), html);
        TokenResult opened = sealer.open(link.group(1), Instant.now());
        String attachmentId = ((TokenResult.Valid) opened).claims().destination();
        assertTrue(html.contains("r.pdf"), "the card names the file");
        // and the stored attachment is the PDF, checked like an upload, listed on the email
        Attachment stored = attachmentStore.find(attachmentId).orElseThrow();
        assertEquals(Attachment.Status.READY, stored.status());
        assertEquals("application/pdf", stored.contentType());
        assertEquals(ACCOUNT, stored.accountId());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(PDF)),
                stored.sha256());
        assertEquals(List.of(attachmentId), emails.find(outcome.emailId()).orElseThrow().attachments().stream()
                .map(dev.glint.model.AttachedFile::id).toList());
    }

    @Test
    void aRetriedDeliverySendsOnlyTheCopiesThatDidNotGoOut() throws Exception {
        String message = mail("alice@sender.test", "bob@example.com." + DOMAIN + ", erin@example.com." + DOMAIN, null, "Retry");
        refuse.add("erin@example.com");
        List<RelayOutcome> first = deliver("msg-retry-1", "alice@sender.test",
                List.of("bob@example.com." + DOMAIN, "erin@example.com." + DOMAIN), message, "PASS");
        assertEquals(1, first.getFirst().sent());
        assertEquals(1, first.getFirst().failed());
        assertEquals(1, notices.size(), "the sender hears which recipient SES refused");
        assertTrue(notices.getFirst().text().contains("erin@example.com"));

        refuse.clear();
        List<RelayOutcome> again = deliver("msg-retry-1", "alice@sender.test",
                List.of("bob@example.com." + DOMAIN, "erin@example.com." + DOMAIN), message, "PASS");
        assertEquals(2, again.getFirst().sent());
        assertEquals(List.of("bob@example.com", "erin@example.com"), copies.stream().map(Copy::to).toList(),
                "bob's copy was not sent twice");
        assertEquals(first.getFirst().emailId(), again.getFirst().emailId());
    }

    @Test
    void aCopySesCouldNotTakeFailsTheInvocationSoLambdaRetriesIt() throws Exception {
        String message = mail("alice@sender.test", "bob@example.com." + DOMAIN, null, "Throttled");
        InboundRelay flaky = new InboundRelay(new TrackingAddresses(DOMAIN), receipts, senders, emails,
                HitRecorder.forMailEvents(events, emails), sealer,
                (from, to, m) -> {
                    throw new MailSendException("SES could not be reached", new IOException("reset"));
                },
                mail -> "unused", new InboundRelay.Settings("https://track.test", Duration.ofDays(30), 64 * 1024,
                        "postmaster@" + DOMAIN), Clock.systemUTC());
        InboundHandler flakyHandler = new InboundHandler(flaky, new S3RawMessages(s3, LocalResources.INBOUND_BUCKET,
                LocalResources.INBOUND_PREFIX, Path.of(System.getProperty("java.io.tmpdir"))));
        put("msg-flaky-1", message);
        assertThrows(InboundHandler.RetryableRelayException.class, () -> flakyHandler.handle(
                new ByteArrayInputStream(event("msg-flaky-1", "alice@sender.test", List.of("bob@example.com." + DOMAIN), "PASS"))));
        // the retry with SES back finds the stored email and sends the copy
        List<RelayOutcome> retried = deliverStored("msg-flaky-1", "alice@sender.test", List.of("bob@example.com." + DOMAIN), "PASS");
        assertEquals(1, retried.getFirst().sent());
        assertEquals(1, copies.size());
    }

    @Test
    void anUnregisteredSenderIsToldAndNothingIsSentOrStored() throws Exception {
        String message = mail("mallory@elsewhere.test", "bob@example.com." + DOMAIN, null, "Hello");
        List<RelayOutcome> outcomes = deliver("msg-unknown-1", "mallory@elsewhere.test",
                List.of("bob@example.com." + DOMAIN), message, "PASS");
        assertEquals("rejected", outcomes.getFirst().status());
        assertTrue(outcomes.getFirst().reason().contains("not a registered Glint sender"), outcomes.getFirst().reason());
        assertTrue(copies.isEmpty());
        assertEquals(1, notices.size());
        assertEquals("mallory@elsewhere.test", notices.getFirst().to());
        assertEquals("postmaster@" + DOMAIN, notices.getFirst().from());
        assertTrue(notices.getFirst().text().contains("Nothing was sent to any recipient"));
        assertTrue(emails.find(dev.glint.model.Ids.emailFor("inbound|msg-unknown-1")).isEmpty(), "nothing stored");
    }

    @Test
    void aForgedFromIsDroppedWithoutANoticeToTheForgedAddress() throws Exception {
        // DMARC and SPF fail: the envelope sender is not authentic, so telling it would be backscatter
        String message = mail("alice@sender.test", "bob@example.com." + DOMAIN, null, "Totally alice");
        List<RelayOutcome> outcomes = deliver("msg-forged-1", "alice@sender.test",
                List.of("bob@example.com." + DOMAIN), message, "FAIL");
        assertEquals("rejected", outcomes.getFirst().status());
        assertTrue(outcomes.getFirst().reason().startsWith("DMARC did not pass"), outcomes.getFirst().reason());
        assertFalse(outcomes.getFirst().noticeSent());
        assertTrue(copies.isEmpty());
        assertTrue(notices.isEmpty());
    }

    @Test
    void noNoticeGoesToAReturnPathSpfDidNotAuthenticate() throws Exception {
        // DMARC vouches for the From domain, not for the SMTP sender a notice would go to
        put("msg-spf-1", mail("mallory@elsewhere.test", "bob@example.com." + DOMAIN, null, "Hi"));
        String event = new String(event("msg-spf-1", "victim@innocent.test", List.of("bob@example.com." + DOMAIN), "PASS"),
                StandardCharsets.UTF_8).replace("\"spfVerdict\":{\"status\":\"PASS\"}", "\"spfVerdict\":{\"status\":\"FAIL\"}");
        RelayOutcome outcome = handler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))).getFirst();
        assertEquals("rejected", outcome.status());
        assertFalse(outcome.noticeSent());
        assertTrue(notices.isEmpty());
    }

    @Test
    void aMessageOverTheLimitIsRefusedWithANotice() throws Exception {
        String big = mail("alice@sender.test", "bob@example.com." + DOMAIN, null, "Big")
                .replace("Hello Bob", "Hello Bob " + "x".repeat(70 * 1024));
        List<RelayOutcome> outcomes = deliver("msg-big-1", "alice@sender.test", List.of("bob@example.com." + DOMAIN), big, "PASS");
        assertEquals("rejected", outcomes.getFirst().status());
        assertTrue(outcomes.getFirst().reason().contains("Glint relays up to"), outcomes.getFirst().reason());
        assertTrue(copies.isEmpty());
        assertEquals(1, notices.size());
    }

    @Test
    void aVirusOrSpamVerdictStopsTheRelay() throws Exception {
        String message = mail("alice@sender.test", "bob@example.com." + DOMAIN, null, "Invoice");
        put("msg-virus-1", message);
        String event = new String(event("msg-virus-1", "alice@sender.test", List.of("bob@example.com." + DOMAIN), "PASS"),
                StandardCharsets.UTF_8).replace("\"virusVerdict\":{\"status\":\"PASS\"}", "\"virusVerdict\":{\"status\":\"FAIL\"}");
        List<RelayOutcome> outcomes = handler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
        assertEquals("rejected", outcomes.getFirst().status());
        assertTrue(outcomes.getFirst().reason().contains("virus"));
        assertTrue(copies.isEmpty());
    }

    @Test
    void aReadReceiptForACopyIsRecordedAndAForgedOneIsIgnored() throws Exception {
        // GIVEN a relayed mail whose sender asked for a read receipt
        String message = mail("alice@sender.test", "bob@example.com." + DOMAIN, null, "Please confirm")
                .replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nDisposition-Notification-To: alice@sender.test\r\n");
        RelayOutcome relayed = deliver("msg-mdn-1", "alice@sender.test", List.of("bob@example.com." + DOMAIN), message, "PASS")
                .getFirst();
        String copy = copies.getFirst().text();
        assertEquals(1, copies.size());
        String receiptAddress = receipts.address(relayed.emailId(), 0);
        assertTrue(copy.contains("Disposition-Notification-To: <" + receiptAddress + ">\r\n"), copy);
        assertFalse(copy.contains("Disposition-Notification-To: alice@sender.test"), "the sender's own request is replaced");

        // WHEN bob's client sends the MDN to that address
        List<RelayOutcome> receipt = deliver("msg-mdn-receipt-1", "bob@example.com", List.of(receiptAddress),
                mdn(receiptAddress, "manual-action/MDN-sent-manually; displayed"), "PASS");

        // THEN a read_receipt event is recorded and folded into bob's stats
        assertEquals("receipt", receipt.getFirst().status());
        List<TrackingEvent> recorded = events.recipientEvents(relayed.emailId(), 0);
        assertEquals(1, recorded.size());
        assertEquals(EventType.READ_RECEIPT, recorded.getFirst().type());
        assertEquals("displayed", recorded.getFirst().destination());
        RecipientRecord bob = emails.recipients(relayed.emailId()).getFirst();
        assertNotNull(bob.stats().readReceipt());
        assertEquals("displayed", bob.stats().readReceipt().disposition());
        assertTrue(bob.stats().readReceipt().manual());
        assertEquals(0, bob.stats().opens(), "a receipt is not a pixel open");

        // AND the same MDN delivered again changes nothing; a forged address records nothing
        deliver("msg-mdn-receipt-1", "bob@example.com", List.of(receiptAddress),
                mdn(receiptAddress, "manual-action/MDN-sent-manually; displayed"), "PASS");
        String forged = receiptAddress.replaceFirst("-0-", "-1-");
        RelayOutcome ignored = deliver("msg-mdn-forged-1", "eve@example.com", List.of(forged),
                mdn(forged, "automatic-action/MDN-sent-automatically; displayed"), "PASS").getFirst();
        assertEquals("ignored", ignored.status());
        assertEquals(1, events.recipientEvents(relayed.emailId(), 0).size());
        assertEquals(1, copies.size(), "receipts are never relayed");
    }

    @Test
    void reportsAreRelayedWithoutPixelsOrRewrittenLinks() throws Exception {
        String report = "From: alice@sender.test\r\nTo: bob@example.com." + DOMAIN + "\r\nSubject: Delivery report\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"rb\"\r\n\r\n"
                + "--rb\r\nContent-Type: text/html\r\n\r\n<html><body><a href=\"https://example.com/x\">x</a></body></html>\r\n"
                + "--rb\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
                + "Final-Recipient: rfc822; someone@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--rb--\r\n";
        RelayOutcome outcome = deliver("msg-report-1", "alice@sender.test", List.of("bob@example.com." + DOMAIN), report, "PASS")
                .getFirst();
        assertEquals("relayed", outcome.status());
        String copy = copies.getFirst().text();
        assertFalse(PIXEL.matcher(copy).find());
        assertTrue(copy.contains("<a href=\"https://example.com/x\">"));
        assertEquals(report.replace("bob@example.com." + DOMAIN, "bob@example.com"), copy);
    }

    private List<RelayOutcome> deliver(String messageId, String envelopeFrom, List<String> recipients, String message,
            String authVerdict) throws IOException {
        put(messageId, message);
        return deliverStored(messageId, envelopeFrom, recipients, authVerdict);
    }

    private List<RelayOutcome> deliverStored(String messageId, String envelopeFrom, List<String> recipients,
            String authVerdict) throws IOException {
        return handler.handle(new ByteArrayInputStream(event(messageId, envelopeFrom, recipients, authVerdict)));
    }

    private static void put(String messageId, String message) {
        s3.putObject(b -> b.bucket(LocalResources.INBOUND_BUCKET).key(LocalResources.INBOUND_PREFIX + messageId),
                RequestBody.fromBytes(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The receipt event the local runner builds, with SPF, DKIM and DMARC set to {@code authVerdict}. */
    private static byte[] event(String messageId, String envelopeFrom, List<String> recipients, String authVerdict) {
        // SES keeps an event's timestamp across Lambda's retries: a fixed one makes a redelivery identical
        String json = LocalInbound.event(messageId, envelopeFrom, recipients, Instant.parse("2026-11-25T10:00:00Z"));
        for (String v : List.of("spfVerdict", "dkimVerdict", "dmarcVerdict")) {
            json = json.replace("\"" + v + "\":{\"status\":\"PASS\"}", "\"" + v + "\":{\"status\":\"" + authVerdict + "\"}");
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String mail(String from, String to, String cc, String subject) {
        return "Received: from mx.sender.test by inbound-smtp.us-east-1.amazonaws.com with SMTP\r\n"
                + " for " + to.replaceAll(".*<|>.*", "") + "; Tue, 25 Nov 2026 10:00:00 +0000\r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; d=sender.test; s=s1; b=AAAA\r\n"
                + "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + (cc == null ? "" : "Cc: " + cc + "\r\n")
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <m1@sender.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Hello Bob, see https://example.com/report =E2=9C=93\r\n"
                + "--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<html><body><p>Hello Bob =E2=9C=93</p><a href=3D\"https://example.com/report\">Report</a></body></html>\r\n"
                + "--alt--\r\n"
                + "--outer\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\nContent-Disposition: attachment; filename=\"r.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(PDF) + "\r\n"
                + "--outer--\r\n";
    }

    private static String mdn(String to, String disposition) {
        return "From: bob@example.com\r\nTo: " + to + "\r\nSubject: Read: Please confirm\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"mdn\"\r\n\r\n"
                + "--mdn\r\nContent-Type: text/plain\r\n\r\nYour message was displayed.\r\n"
                + "--mdn\r\nContent-Type: message/disposition-notification\r\n\r\n"
                + "Reporting-UA: mail.example.com; Example Mail\r\nFinal-Recipient: rfc822; bob@example.com\r\n"
                + "Original-Message-ID: <m1@sender.test>\r\nDisposition: " + disposition + "\r\n\r\n--mdn--\r\n";
    }

    /** The raw body of the {@code index}th leaf part. */
    private static String rawBody(MessageBytes bytes, int index) {
        MimePart leaf = MimeScanner.scan(bytes).leaves().get(index);
        return bytes.latin1(leaf.bodyStart(), leaf.bodyEnd());
    }
}
