package dev.glint.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stored hit of one recipient, with what the worker learned of it: the unit every aggregate is computed from.
 *
 * @param revision how many times later evidence relabelled it (0 when stored); the guard of each relabel
 * @param history its earlier verdicts, oldest first, one per revision
 */
public record TrackingEvent(
        String hitId,
        String accountId,
        String emailId,
        int recipient,
        EventType type,
        Instant at,
        int link,
        @Nullable String destination,
        String method,
        String ip,
        String userAgent,
        Map<String, String> headers,
        Instant trackingEndsAt,
        HitInsight insight,
        int revision,
        List<VerdictChange> history) {

    public TrackingEvent {
        headers = Map.copyOf(headers);
        history = List.copyOf(history);
    }

    /** An event as first stored: never relabelled. */
    public TrackingEvent(String hitId, String accountId, String emailId, int recipient, EventType type, Instant at,
            int link, @Nullable String destination, String method, String ip, String userAgent,
            Map<String, String> headers, Instant trackingEndsAt, HitInsight insight) {
        this(hitId, accountId, emailId, recipient, type, at, link, destination, method, ip, userAgent, headers,
                trackingEndsAt, insight, 0, List.of());
    }

    /** The event a raw hit becomes once analysed. */
    public static TrackingEvent of(RawHit hit, HitInsight insight) {
        return new TrackingEvent(hit.hitId(), hit.accountId(), hit.emailId(), hit.recipient(), hit.type(),
                Instant.ofEpochMilli(hit.receivedAtMillis()), hit.link(), hit.destination(), hit.method(),
                hit.ip(), hit.userAgent(), hit.headers(), Instant.ofEpochSecond(hit.trackingEndsAtSeconds()), insight);
    }
}
