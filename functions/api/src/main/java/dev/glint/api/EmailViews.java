package dev.glint.api;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.GeoInfo;
import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Page;
import dev.glint.model.RecipientRecord;
import dev.glint.model.TrackingEvent;
import dev.glint.model.VerdictChange;
import dev.glint.send.SendResult;
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

    record Recipient(int index, String address, String field, String status, @Nullable String messageId,
            @Nullable String error) {
        static Recipient of(RecipientRecord r) {
            return new Recipient(r.index(), r.address(), r.field(), r.status(), r.messageId(), r.error());
        }
    }

    record Link(int index, String url) {}

    /** The answer to a send: {@code links} is how many links are tracked. */
    record Created(String id, Instant createdAt, String from, String subject, Tracking tracking, int links,
            List<Recipient> recipients) {
        static Created of(SendResult result) {
            EmailRecord e = result.email();
            return new Created(e.id(), e.createdAt(), e.from(), e.subject(), Tracking.of(e), e.links().size(),
                    result.recipients().stream().map(Recipient::of).toList());
        }
    }

    /** One item of the email listing. */
    record Summary(String id, Instant createdAt, String from, String subject, int recipientCount, Tracking tracking) {
        static Summary of(EmailRecord e) {
            return new Summary(e.id(), e.createdAt(), e.from(), e.subject(), e.recipientCount(), Tracking.of(e));
        }
    }

    record Detail(String id, Instant createdAt, String from, String subject, int recipientCount, Tracking tracking,
            List<Link> links, List<Recipient> recipients) {
        static Detail of(EmailRecord e, List<RecipientRecord> recipients) {
            List<Link> links = new ArrayList<>(e.links().size());
            for (int i = 0; i < e.links().size(); i++) {
                links.add(new Link(i, e.links().get(i)));
            }
            return new Detail(e.id(), e.createdAt(), e.from(), e.subject(), e.recipientCount(), Tracking.of(e),
                    links, recipients.stream().map(Recipient::of).toList());
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
