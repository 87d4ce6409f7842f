package dev.glint.relay;

import dev.glint.classify.Verdict;
import dev.glint.config.LogLine;
import dev.glint.enrich.DeviceInfo;
import dev.glint.hit.HitRecorder;
import dev.glint.mime.HeaderField;
import dev.glint.mime.MessageBytes;
import dev.glint.mime.MimePart;
import dev.glint.mime.MimeScanner;
import dev.glint.mime.TransferCodec;
import dev.glint.attach.AttachmentService;
import dev.glint.model.AttachedFile;
import dev.glint.model.Attachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.glint.mime.TrackedMessage;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Ids;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.model.Sender;
import dev.glint.model.TrackingEvent;
import dev.glint.rewrite.TrackedLink;
import dev.glint.send.MailSendException;
import dev.glint.send.MailSender;
import dev.glint.send.OutgoingMail;
import dev.glint.send.RawMailSender;
import dev.glint.send.SealedTrackingUrls;
import dev.glint.store.EmailStore;
import dev.glint.store.SenderStore;
import dev.glint.token.TokenSealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tracking-address relay. A message SES received for {@code bob@example.com.<domain>} is
 * relayed only when its From address is a registered sender and SES's verdicts say the From
 * domain is authentic (DMARC pass) and the message is clean; otherwise nothing is sent, and the
 * sender gets a notice when the envelope sender is authenticated (a notice to a forged address
 * would be backscatter). Each tracking recipient gets one copy, with every tracking suffix gone
 * from its headers. The email id comes from SES's message id, so a retried delivery resumes:
 * copies already sent are not sent again.
 */
public final class InboundRelay {
    /** More hops than this and the message is looping (RFC 5321 6.3 suggests 100; real mail has under 20). */
    private static final int MAX_RECEIVED = 50;

    /**
     * @param trackingBaseUrl base of the pixel and click URLs
     * @param maxBytes the largest message relayed
     * @param noticeFrom the verified address rejection notices come from
     */
    public record Settings(String trackingBaseUrl, Duration tokenLifetime, long maxBytes, String noticeFrom) {}

    private final TrackingAddresses addresses;
    private final ReceiptAddresses receipts;
    private final SenderStore senders;
    private final EmailStore emails;
    private final HitRecorder recorder;
    private final TokenSealer sealer;
    private final RawMailSender raw;
    private final MailSender notices;
    private final Settings settings;
    private final Clock clock;
    private final @Nullable AttachmentService attachments;

    public InboundRelay(TrackingAddresses addresses, ReceiptAddresses receipts, SenderStore senders, EmailStore emails,
            HitRecorder recorder, TokenSealer sealer, RawMailSender raw, MailSender notices, Settings settings,
            Clock clock) {
        this(addresses, receipts, senders, emails, recorder, sealer, raw, notices, settings, clock, null);
    }

    /**
     * @param attachments stores relayed mail's attachments for senders who want links instead of
     *     files ({@link Sender#attachmentLinks()}); null: attachments always travel as they are
     */
    public InboundRelay(TrackingAddresses addresses, ReceiptAddresses receipts, SenderStore senders, EmailStore emails,
            HitRecorder recorder, TokenSealer sealer, RawMailSender raw, MailSender notices, Settings settings,
            Clock clock, @Nullable AttachmentService attachments) {
        this.addresses = addresses;
        this.receipts = receipts;
        this.senders = senders;
        this.emails = emails;
        this.recorder = recorder;
        this.sealer = sealer;
        this.raw = raw;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
        this.attachments = attachments;
    }

    public long maxBytes() {
        return settings.maxBytes();
    }

    /**
     * Handles one received message.
     *
     * @param bytes the message, or only its first bytes when {@code size} is over the limit
     * @param size the message's full size in bytes
     */
    public RelayOutcome handle(InboundMail mail, MessageBytes bytes, long size) {
        List<String> receiptRecipients = new ArrayList<>();
        Map<String, String> tracked = new LinkedHashMap<>(); // real address -> tracking address, one per address
        Set<String> seen = new java.util.HashSet<>();
        for (String recipient : mail.recipients()) {
            if (receipts.looksLikeOne(recipient)) {
                receiptRecipients.add(recipient);
            } else {
                addresses.realAddress(recipient).ifPresentOrElse(
                        real -> {
                            if (seen.add(real.toLowerCase(Locale.ROOT))) { // local parts keep their case
                                tracked.put(real, TrackingAddresses.bare(recipient));
                            }
                        },
                        () -> log("recipient_ignored", mail, Map.of("reason", "not a tracking address")));
            }
        }
        // Only the structure, for the checks: HTML is parsed once the mail is known to be relayed.
        MimePart top = MimeScanner.scan(bytes);
        Headers headers = new Headers(bytes, top);

        if (size > settings.maxBytes()) {
            if (tracked.isEmpty()) {
                return RelayOutcome.ignored("an oversized message to no tracking address"); // nobody to tell of what
            }
            return reject(mail, headers, tracked.keySet(), "the message is " + mib(size) + " MiB; Glint relays up to "
                    + mib(settings.maxBytes()) + " MiB");
        }
        InboundMail.Verdicts v = mail.verdicts();
        RelayOutcome receiptOutcome = null;
        if (!receiptRecipients.isEmpty()) {
            receiptOutcome = v.virus().equals("FAIL") || v.spam().equals("FAIL")
                    ? RelayOutcome.ignored("a read receipt SES flagged as spam or a virus")
                    : recordReceipts(mail, bytes, top, receiptRecipients);
        }
        if (tracked.isEmpty()) {
            return receiptOutcome != null ? receiptOutcome : RelayOutcome.ignored("no tracking address among the recipients");
        }
        if (headers.count("received") > MAX_RECEIVED) {
            return RelayOutcome.ignored("more than " + MAX_RECEIVED + " Received fields: a mail loop");
        }
        if (v.virus().equals("FAIL")) {
            return reject(mail, headers, tracked.keySet(), "SES's virus scan found a virus in the message");
        }
        if (v.spam().equals("FAIL")) {
            return reject(mail, headers, tracked.keySet(), "SES's spam filter judged the message to be spam");
        }
        Optional<String> from = headers.from();
        if (from.isEmpty()) {
            return reject(mail, headers, tracked.keySet(), "the message has no From address");
        }
        Optional<Sender> sender = senders.find(from.get());
        if (sender.isEmpty()) {
            return reject(mail, headers, tracked.keySet(), from.get() + " is not a registered Glint sender");
        }
        if (!v.dmarc().equals("PASS")) {
            return reject(mail, headers, tracked.keySet(), "DMARC did not pass for " + from.get() + " (SES said "
                    + v.dmarc() + "; SPF " + v.spf() + ", DKIM " + v.dkim() + "). Glint relays only mail whose From"
                    + " domain is authenticated: publish a DMARC record (p=none is enough) and send through servers"
                    + " that sign with DKIM or pass SPF for that domain");
        }
        return relay(mail, TrackedMessage.prepare(bytes), headers, sender.get(), from.get(), tracked);
    }

    private RelayOutcome relay(InboundMail mail, TrackedMessage message, Headers headers, Sender sender, String from,
            Map<String, String> tracked) {
        String emailId = Ids.emailFor("inbound|" + mail.messageId());
        boolean report = message.reportType().isPresent();
        List<AttachedFile> files = List.of();
        if (sender.attachmentLinks() != null && attachments != null && !message.attachmentParts().isEmpty()) {
            Optional<List<AttachedFile>> stored = storeAttachments(mail, message, sender);
            if (stored.isPresent()) {
                TrackedMessage linked = message.withAttachmentsAsLinks(stored.get());
                if (linked != message) {
                    message = linked;
                    files = stored.get();
                }
            }
        }
        EmailRecord email = emails.find(emailId).orElse(null);
        List<RecipientRecord> recipients;
        if (email == null) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            boolean clicks = sender.trackClicks() && !report;
            List<String> links = clicks ? message.trackedLinks().stream().map(TrackedLink::destination).toList() : List.of();
            email = new EmailRecord(emailId, sender.accountId(), from, headers.subject(), now,
                    now.plus(settings.tokenLifetime()), tracked.size(), sender.trackOpens() && !report, clicks, links,
                    files);
            recipients = new ArrayList<>();
            for (Map.Entry<String, String> r : tracked.entrySet()) {
                recipients.add(new RecipientRecord(recipients.size(), r.getKey(), headers.field(r.getValue()),
                        "pending", null, null, RecipientStats.EMPTY));
            }
            emails.create(email, recipients);
        } else if (!email.accountId().equals(sender.accountId())) {
            return RelayOutcome.ignored("the message id maps to another account's email"); // cannot happen short of a hash collision
        } else {
            recipients = emails.recipients(emailId);
        }
        boolean askReceipt = (sender.readReceipts() || headers.has("disposition-notification-to")) && !report;
        int sent = 0;
        int retry = 0;
        List<String> refused = new ArrayList<>();
        for (RecipientRecord r : recipients) {
            if (r.status().equals("sent")) {
                sent++;
                continue; // a retried delivery: this copy already went out
            }
            SealedTrackingUrls urls = new SealedTrackingUrls(sealer, settings.trackingBaseUrl(), email.accountId(),
                    emailId, r.index(), email.trackingEndsAt());
            String receipt = askReceipt ? receipts.address(emailId, r.index()) : null;
            byte[] copy = message.copy(CopyHeaders.editor(addresses, receipt), urls, email.trackOpens(), email.trackClicks());
            try {
                String messageId = raw.sendRaw(from, r.address(), copy);
                emails.markSent(emailId, r.index(), messageId, clock.instant());
                sent++;
            } catch (MailSendException e) {
                emails.markFailed(emailId, r.index(), e.getMessage());
                LogLine.count("WARN", "relay_send_failed", "RelaySendFailed", Map.of("emailId", emailId,
                        "recipient", r.index(), "permanent", e.permanent(), "error", String.valueOf(e.getMessage())));
                if (e.permanent()) {
                    refused.add(r.address() + ": " + e.getMessage());
                } else {
                    retry++;
                }
            }
        }
        boolean noticed = false;
        if (!refused.isEmpty() && noticeAllowed(mail, headers)) {
            noticed = sendNotice(mail, headers, "Glint could not deliver your message to some recipients:\n\n  "
                    + String.join("\n  ", refused) + "\n\nEvery other recipient got their copy.");
        }
        log("relayed", mail, Map.of("emailId", emailId, "sent", sent, "failed", refused.size(), "retry", retry,
                "untracked", message.untrackedReasons()));
        return new RelayOutcome("relayed", refused.isEmpty() ? null : String.join("; ", refused), emailId, sent,
                refused.size(), retry, noticed);
    }

    /**
     * Stores each attachment part as a tracked attachment of the sender's account (ids derived from
     * the SES message, so a retry finds them); empty, and the mail keeps its attachments, when one
     * cannot be decoded or is refused (too large, for one).
     */
    private Optional<List<AttachedFile>> storeAttachments(InboundMail mail, TrackedMessage message, Sender sender) {
        List<AttachedFile> files = new ArrayList<>();
        List<MimePart> parts = message.attachmentParts();
        for (int i = 0; i < parts.size(); i++) {
            MimePart part = parts.get(i);
            MessageBytes bytes = message.bytes();
            Optional<byte[]> decoded = TransferCodec.decode(bytes.bytes(part.bodyStart(), part.bodyEnd()),
                    part.transferEncoding());
            if (decoded.isEmpty()) {
                log("attachments_kept", mail, Map.of("reason", "transfer encoding " + part.transferEncoding()));
                return Optional.empty();
            }
            Path file = null;
            try {
                file = Files.createTempFile("glint-relay-attachment", ".bin");
                Files.write(file, decoded.get());
                Attachment stored = attachments.storeReceived(sender.accountId(),
                        Ids.attachmentFor("inbound|" + mail.messageId() + "|" + i), MailHeaders.filename(bytes, part, i),
                        part.contentType().mediaType(), sender.attachmentLinks(), file);
                if (stored.status() != Attachment.Status.READY) {
                    log("attachments_kept", mail, Map.of("reason", String.valueOf(stored.rejection())));
                    return Optional.empty();
                }
                files.add(AttachedFile.of(stored));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the event is retried; ids make the retry find what was stored
            } finally {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // a temp file left behind: the platform's to clean
                    }
                }
            }
        }
        return Optional.of(files);
    }

    private RelayOutcome recordReceipts(InboundMail mail, MessageBytes bytes, MimePart top, List<String> recipients) {
        Optional<DispositionNotification> mdn = DispositionNotification.find(bytes, top);
        if (mdn.isEmpty()) {
            return RelayOutcome.ignored("mail to a read-receipt address that is no disposition notification");
        }
        int recorded = 0;
        String emailId = null;
        for (String recipient : recipients) {
            Optional<ReceiptAddresses.Copy> copy = receipts.parse(recipient);
            Optional<EmailRecord> email = copy.flatMap(c -> emails.find(c.emailId()));
            if (copy.isEmpty() || email.isEmpty() || copy.get().recipient() >= email.get().recipientCount()) {
                log("receipt_ignored", mail, Map.of("reason", "unknown or forged receipt address"));
                continue;
            }
            DispositionNotification n = mdn.get();
            List<String> reasons = List.of("read receipt: " + (n.manual() ? "sent by the person" : "sent by the mail client")
                    + ", " + n.disposition());
            TrackingEvent event = new TrackingEvent("mdn_" + Ids.emailFor(mail.messageId() + "|" + recipient).substring(3),
                    email.get().accountId(), email.get().id(), copy.get().recipient(), EventType.READ_RECEIPT,
                    mail.receivedAt(), -1, n.disposition(), n.manual() ? "manual" : "automatic", "", "", Map.of(),
                    email.get().trackingEndsAt(), new HitInsight(Verdict.HUMAN, reasons, "unknown", DeviceInfo.UNKNOWN, null));
            recorder.recordEvent(event);
            recorded++;
            emailId = email.get().id();
        }
        if (recorded == 0) {
            return RelayOutcome.ignored("read receipt for an unknown copy");
        }
        log("receipt_recorded", mail, Map.of("emailId", emailId, "disposition", mdn.get().disposition()));
        return new RelayOutcome("receipt", null, emailId, 0, 0, 0, false);
    }

    private RelayOutcome reject(InboundMail mail, Headers headers, Set<String> recipients, String reason) {
        boolean noticed = noticeAllowed(mail, headers) && sendNotice(mail, headers,
                "Glint did not deliver your message to " + String.join(", ", recipients) + ".\n\nReason: " + reason
                        + ".\n\nNothing was sent to any recipient.");
        LogLine.count("INFO", "relay_rejected", "RelayRejected", Map.of("sesMessageId", mail.messageId(),
                "reason", reason, "notice", noticed));
        return RelayOutcome.rejected(reason, noticed);
    }

    /**
     * Whether telling the envelope sender is safe: a real return path that SPF authenticated (DMARC
     * vouches for the From domain, not for the return path, so it is not enough), and not an
     * automatic message or a report (no mail loops between robots).
     */
    private static boolean noticeAllowed(InboundMail mail, Headers headers) {
        String returnPath = TrackingAddresses.bare(mail.envelopeFrom());
        if (returnPath.isEmpty() || !returnPath.contains("@")) {
            return false;
        }
        if (!mail.verdicts().spf().equals("PASS")) {
            return false;
        }
        String auto = headers.value("auto-submitted");
        String precedence = headers.value("precedence");
        return (auto == null || auto.trim().equalsIgnoreCase("no"))
                && (precedence == null || !precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|junk|list"))
                && !headers.isReport();
    }

    private boolean sendNotice(InboundMail mail, Headers headers, String text) {
        try {
            notices.send(new OutgoingMail(settings.noticeFrom(), TrackingAddresses.bare(mail.envelopeFrom()),
                    "Not delivered: " + headers.subject(), null, text + "\n\n-- \nGlint tracking relay (automatic"
                    + " message; SES message " + mail.messageId() + ")\n"));
            return true;
        } catch (MailSendException e) {
            LogLine.count("WARN", "notice_failed", "RelayNoticeFailed", Map.of("sesMessageId", mail.messageId(),
                    "error", String.valueOf(e.getMessage())));
            return false;
        }
    }

    private static void log(String event, InboundMail mail, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("sesMessageId", mail.messageId());
        LogLine.log("INFO", event, all);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** The top-level header fields the relay reads. */
    private record Headers(MessageBytes bytes, MimePart top) {
        @Nullable String value(String name) {
            String v = top.headerValue(bytes, name);
            return v == null ? null : MailHeaders.text(v);
        }

        boolean has(String name) {
            return top.header(name) != null;
        }

        int count(String name) {
            return (int) top.headers().stream().filter(f -> f.is(name)).count();
        }

        Optional<String> from() {
            String v = value("from");
            return v == null ? Optional.empty() : MailHeaders.firstAddress(v);
        }

        String subject() {
            String v = value("subject");
            return v == null ? "(no subject)" : MailHeaders.decodeWords(v);
        }

        boolean isReport() {
            return top.contentType().is("multipart/report");
        }

        /** "to" or "cc" when the header names {@code trackingAddress}, else "bcc". */
        String field(String trackingAddress) {
            String wanted = trackingAddress.toLowerCase(Locale.ROOT);
            for (String name : List.of("to", "cc")) {
                for (HeaderField f : top.headers()) {
                    if (f.is(name) && MailHeaders.addresses(MailHeaders.text(f.value(bytes))).contains(wanted)) {
                        return name;
                    }
                }
            }
            return "bcc";
        }
    }
}
