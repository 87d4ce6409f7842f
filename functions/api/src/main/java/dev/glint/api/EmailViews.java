package dev.glint.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.GeoInfo;
import dev.glint.model.AttachedFile;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Page;
import dev.glint.model.RecipientRecord;
import dev.glint.model.TrackingEvent;
import dev.glint.model.VerdictChange;
import dev.glint.send.Delivery;
import dev.glint.send.SendResult;
import dev.glint.send.SendService;
import dev.glint.send.TrackedCopy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the email routes: what the API shows of the stored records, and nothing more. */
final class EmailViews {
    private EmailViews() {}

    record Tracking(boolean opens, boolean clicks) {
        static Tracking of(EmailRecord email) {
            return new Tracking(email.trackOpens(), email.trackClicks());
        }
    }

    /** {@code messageId} is the provider's; a copy the caller delivered itself has none. */
    record Recipient(int index, String address, String field, String status, @Nullable String messageId,
            @Nullable String error) {
        static Recipient of(RecipientRecord r) {
            String messageId = SendService.CLIENT_DELIVERED.equals(r.messageId()) ? null : r.messageId();
            return new Recipient(r.index(), r.address(), r.field(), r.status(), messageId, r.error());
        }
    }

    /** A recipient's tracked copy, for a caller that delivers the mail itself. */
    record Copy(int recipient, String address, String field, @Nullable String html, @Nullable String text) {
        static Copy of(TrackedCopy c) {
            return new Copy(c.recipient(), c.address(), c.field(), c.html(), c.text());
        }
    }

    record Link(int index, String url) {}

    /** A file the copies link to; {@code index} is its place in the request. */
    record EmailAttachment(int index, String id, String filename) {
        static List<EmailAttachment> of(EmailRecord e) {
            List<EmailAttachment> out = new ArrayList<>(e.attachments().size());
            for (int i = 0; i < e.attachments().size(); i++) {
                AttachedFile f = e.attachments().get(i);
                out.add(new EmailAttachment(i, f.id(), f.filename()));
            }
            return out;
        }
    }

    /**
     * The answer to a send: {@code links} is how many links are tracked; {@code copies} is there only
     * when the caller delivers the mail itself.
     */
    record Created(String id, Instant createdAt, String from, String subject, Tracking tracking, int links,
            List<Recipient> recipients, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Copy> copies,
            List<EmailAttachment> attachments) {
        static Created of(SendResult result, Delivery delivery) {
            EmailRecord e = result.email();
            List<Copy> copies = delivery == Delivery.CLIENT ? result.copies().stream().map(Copy::of).toList() : null;
            return new Created(e.id(), e.createdAt(), e.from(), e.subject(), Tracking.of(e), e.links().size(),
                    result.recipients().stream().map(Recipient::of).toList(), copies, EmailAttachment.of(e));
        }
    }

    /** One item of the email listing. */
    record Summary(String id, Instant createdAt, String from, String subject, int recipientCount, Tracking tracking) {
        static Summary of(EmailRecord e) {
            return new Summary(e.id(), e.createdAt(), e.from(), e.subject(), e.recipientCount(), Tracking.of(e));
        }
    }

    record Detail(String id, Instant createdAt, String from, String subject, int recipientCount, Tracking tracking,
            List<Link> links, List<Recipient> recipients, List<EmailAttachment> attachments) {
        static Detail of(EmailRecord e, List<RecipientRecord> recipients) {
            List<Link> links = new ArrayList<>(e.links().size());
            for (int i = 0; i < e.links().size(); i++) {
                links.add(new Link(i, e.links().get(i)));
            }
            return new Detail(e.id(), e.createdAt(), e.from(), e.subject(), e.recipientCount(), Tracking.of(e),
                    links, recipients.stream().map(Recipient::of).toList(), EmailAttachment.of(e));
        }
    }

    /**
     * One tracking event with its verdict; {@code link} is null unless it is a click;
     * {@code verdictHistory} holds its earlier verdicts, oldest first, when later evidence relabelled it.
     */
    record Event(String hitId, EventType type, Instant at, int recipient, @Nullable Integer link,
            @Nullable String destination, String ip, String userAgent, String method, Verdict verdict,
            List<String> reasons, String client, DeviceInfo device, @Nullable GeoInfo geo,
            List<VerdictChange> verdictHistory) {
        static Event of(TrackingEvent e) {
            HitInsight i = e.insight();
            return new Event(e.hitId(), e.type(), e.at(), e.recipient(), e.link() < 0 || e.type() == EventType.READ ? null : e.link(),
                    e.destination(), e.ip(), e.userAgent(), e.method(), i.verdict(), i.reasons(), i.client(),
                    i.device(), i.geo(), e.history());
        }
    }

    /** A page of a listing; {@code nextCursor} is null on the last page. */
    record Listing<T>(List<T> items, @Nullable String nextCursor) {
        static <S, T> Listing<T> of(Page<S> page, Function<S, T> view) {
            return new Listing<>(page.items().stream().map(view).toList(), page.nextCursor().orElse(null));
        }
    }
}
