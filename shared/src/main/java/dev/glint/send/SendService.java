package dev.glint.send;

import dev.glint.config.LogLine;
import dev.glint.model.AttachedFile;
import dev.glint.model.Attachment;
import dev.glint.model.EmailRecord;
import dev.glint.model.Ids;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.rewrite.MailTemplate;
import dev.glint.rewrite.RewrittenMail;
import dev.glint.rewrite.TrackedLink;
import dev.glint.store.AttachmentStore;
import dev.glint.store.EmailStore;
import dev.glint.token.TokenSealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one email as one tracked copy per recipient: parses the mail once, stores the email and
 * its recipients, then stamps and sends each copy and records its status. With {@link
 * Delivery#CLIENT} the copies are handed back instead of sent: the caller delivers them itself.
 * Attachments are checked first (the account's, ready, not expired) and each copy links to them
 * through its recipient's own tokens.
 */
public final class SendService {
    /** How long a sent mail's pixel and links record hits, unless configured otherwise. */
    public static final int DEFAULT_TOKEN_LIFETIME_DAYS = 400;
    /**
     * Stored as the message id of a copy the caller delivers itself: the store wants one, and no
     * provider id can look like it. Views show no message id for it.
     */
    public static final String CLIENT_DELIVERED = "glint:client-delivered";
    private final EmailStore emails;
    private final AttachmentStore attachments;
    private final MailSender sender;
    private final TokenSealer sealer;
    private final String trackingBaseUrl;
    private final Duration tokenLifetime;
    private final Clock clock;

    public SendService(EmailStore emails, AttachmentStore attachments, MailSender sender, TokenSealer sealer,
            String trackingBaseUrl, Duration tokenLifetime, Clock clock) {
        this.emails = emails;
        this.attachments = attachments;
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

    /**
     * Sends under {@code emailId}, chosen by the caller before anything is stored (an idempotent send).
     *
     * @throws AttachmentsRefusedException before anything is stored, when an attachment cannot be used
     */
    public SendResult send(SendRequest request, String emailId) {
        // Milliseconds, as stored: the answer to a send then matches every later read of the email.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<AttachedFile> files = usableAttachments(request, now);
        MailTemplate template = MailTemplate.parse(request.html(), request.text(), files);
        if (!template.showsAttachments()) {
            throw new AttachmentsRefusedException(List.of(new AttachmentsRefusedException.Refusal("html",
                    "has no place where the attachment links would show (the end of its body is inside a comment or"
                            + " an unclosed element); close the body with </body>")));
        }
        List<String> links = request.trackClicks()
                ? template.trackedLinks().stream().map(TrackedLink::destination).toList()
                : List.of();
        Instant expiresAt = now.plus(tokenLifetime);
        EmailRecord email = new EmailRecord(emailId, request.accountId(), request.from(), request.subject(), now,
                expiresAt, recipientCount(request), request.trackOpens(), request.trackClicks(), links, files);
        List<RecipientRecord> pending = new ArrayList<>();
        addRecipients(pending, request.to(), "to");
        addRecipients(pending, request.cc(), "cc");
        addRecipients(pending, request.bcc(), "bcc");
        emails.create(email, pending);

        return switch (request.delivery()) {
            case SES -> new SendResult(email, sendEach(request, template, email, pending));
            case CLIENT -> {
                List<TrackedCopy> copies = stamp(request, template, email, pending);
                List<RecipientRecord> done = new ArrayList<>(pending.size());
                for (RecipientRecord r : pending) {
                    emails.markSent(emailId, r.index(), CLIENT_DELIVERED, clock.instant());
                    done.add(new RecipientRecord(r.index(), r.address(), r.field(), "sent", CLIENT_DELIVERED, null,
                            r.stats()));
                }
                yield new SendResult(email, done, copies);
            }
        };
    }

    /**
     * The copies of an email stored earlier from this same request (an idempotent replay): the
     * same email, recipients, links and expiry, so every URL records as the first answer's did;
     * the tokens are sealed afresh (each seal has its own nonce), so their text differs. The
     * attachment cards are the stored ones: a file revoked since still gets its link, which answers 410.
     */
    public List<TrackedCopy> copiesOf(SendRequest request, EmailRecord email, List<RecipientRecord> recipients) {
        return stamp(request, MailTemplate.parse(request.html(), request.text(), email.attachments()), email, recipients);
    }

    /** The request's attachments when every one is the account's and reachable now; else every reason at once. */
    private List<AttachedFile> usableAttachments(SendRequest request, Instant now) {
        List<AttachedFile> files = new ArrayList<>(request.attachments().size());
        List<AttachmentsRefusedException.Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < request.attachments().size(); i++) {
            String id = request.attachments().get(i);
            Optional<Attachment> found = attachments.find(id).filter(a -> a.accountId().equals(request.accountId()));
            Optional<String> refusal = found.isEmpty() ? Optional.of("is not an attachment of this account")
                    : whyUnusable(found.get(), now);
            if (refusal.isPresent()) {
                refusals.add(new AttachmentsRefusedException.Refusal("attachments[" + i + "]", refusal.get()));
            } else {
                files.add(AttachedFile.of(found.get()));
            }
        }
        if (!refusals.isEmpty()) {
            throw new AttachmentsRefusedException(refusals);
        }
        return files;
    }

    private static Optional<String> whyUnusable(Attachment a, Instant now) {
        return switch (a.status()) {
            case PENDING_UPLOAD -> Optional.of("is not uploaded and checked yet; complete its upload first");
            case REJECTED -> Optional.of("was rejected when its upload was checked"
                    + (a.rejection() == null ? "" : ": " + a.rejection()));
            case REVOKED -> Optional.of("is revoked");
            case READY -> a.availableAt(now) ? Optional.empty() : Optional.of("expired at " + a.expiresAt());
        };
    }

    private List<TrackedCopy> stamp(SendRequest request, MailTemplate template, EmailRecord email,
            List<RecipientRecord> recipients) {
        List<TrackedCopy> copies = new ArrayList<>(recipients.size());
        for (RecipientRecord r : recipients) {
            RewrittenMail copy = template.stamp(urls(email, r), request.trackOpens(), request.trackClicks());
            copies.add(new TrackedCopy(r.index(), r.address(), r.field(), copy.html(), copy.text()));
        }
        return copies;
    }

    private List<RecipientRecord> sendEach(SendRequest request, MailTemplate template, EmailRecord email,
            List<RecipientRecord> pending) {
        String emailId = email.id();
        List<RecipientRecord> done = new ArrayList<>(pending.size());
        for (RecipientRecord r : pending) {
            RewrittenMail copy = template.stamp(urls(email, r), request.trackOpens(), request.trackClicks());
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
        return done;
    }

    private SealedTrackingUrls urls(EmailRecord email, RecipientRecord r) {
        return new SealedTrackingUrls(sealer, trackingBaseUrl, email.accountId(), email.id(), r.index(),
                email.trackingEndsAt());
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
