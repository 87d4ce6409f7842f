package dev.glint.send;

import dev.glint.config.LogLine;
import dev.glint.model.EmailRecord;
import dev.glint.model.Ids;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.rewrite.TrackedLink;
import dev.glint.store.EmailStore;
import dev.glint.token.TokenSealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends one email as one tracked copy per recipient: parses the mail once, stores the email and
 * its recipients, then stamps and sends each copy and records its status.
 */
public final class SendService {
    /** How long a sent mail's pixel and links record hits, unless configured otherwise. */
    public static final int DEFAULT_TOKEN_LIFETIME_DAYS = 400;
    private final EmailStore emails;
    private final MailSender sender;
    private final TokenSealer sealer;
    private final String trackingBaseUrl;
    private final Duration tokenLifetime;
    private final Clock clock;

    public SendService(EmailStore emails, MailSender sender, TokenSealer sealer, String trackingBaseUrl,
            Duration tokenLifetime, Clock clock) {
        this.emails = emails;
        this.sender = sender;
        this.sealer = sealer;
        this.trackingBaseUrl = trackingBaseUrl.endsWith("/")
                ? trackingBaseUrl.substring(0, trackingBaseUrl.length() - 1)
                : trackingBaseUrl;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
    }

    /** Sends under a new email id. */
    public SendResult send(SendRequest request) {
        return send(request, Ids.email());
    }

    /** Sends under {@code emailId}, chosen by the caller before anything is stored (an idempotent send). */
    public SendResult send(SendRequest request, String emailId) {
        // Milliseconds, as stored: the answer to a send then matches every later read of the email.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MailTemplate template = MailTemplate.parse(request.html(), request.text());
        List<String> links = request.trackClicks()
                ? template.trackedLinks().stream().map(TrackedLink::destination).toList()
                : List.of();
        Instant expiresAt = now.plus(tokenLifetime);
        EmailRecord email = new EmailRecord(emailId, request.accountId(), request.from(), request.subject(), now,
                expiresAt, recipientCount(request), request.trackOpens(), request.trackClicks(), links);
        List<RecipientRecord> pending = new ArrayList<>();
        addRecipients(pending, request.to(), "to");
        addRecipients(pending, request.cc(), "cc");
        addRecipients(pending, request.bcc(), "bcc");
        emails.create(email, pending);

        List<RecipientRecord> done = new ArrayList<>(pending.size());
        for (RecipientRecord r : pending) {
            SealedTrackingUrls urls = new SealedTrackingUrls(
                    sealer, trackingBaseUrl, request.accountId(), emailId, r.index(), expiresAt);
            RewrittenMail copy = template.stamp(urls, request.trackOpens(), request.trackClicks());
            try {
                String messageId = sender.send(new OutgoingMail(
                        request.from(), r.address(), request.subject(), copy.html(), copy.text()));
                emails.markSent(emailId, r.index(), messageId, clock.instant());
                done.add(new RecipientRecord(r.index(), r.address(), r.field(), "sent", messageId, null, r.stats()));
            } catch (MailSendException e) {
                LogLine.count("WARN", "send_failed", "SendFailed", Map.of("emailId", emailId, "recipient", r.index(),
                        "error", e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName()));
                emails.markFailed(emailId, r.index(), e.getMessage());
                done.add(new RecipientRecord(r.index(), r.address(), r.field(), "failed", null, e.getMessage(), r.stats()));
            }
        }
        return new SendResult(email, done);
    }

    private static int recipientCount(SendRequest request) {
        return request.to().size() + request.cc().size() + request.bcc().size();
    }

    private static void addRecipients(List<RecipientRecord> out, List<String> addresses, String field) {
        for (String address : addresses) {
            out.add(new RecipientRecord(out.size(), address, field, "pending", null, null, RecipientStats.EMPTY));
        }
    }
}
