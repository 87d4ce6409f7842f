package dev.glint.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One stored hit of one recipient, with what the worker learned of it: the unit every aggregate is computed from. */
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
        HitInsight insight) {

    public TrackingEvent {
        headers = Map.copyOf(headers);
    }

    /** The event a raw hit becomes once analysed. */
    public static TrackingEvent of(RawHit hit, HitInsight insight) {
        return new TrackingEvent(hit.hitId(), hit.accountId(), hit.emailId(), hit.recipient(), hit.type(),
                Instant.ofEpochMilli(hit.receivedAtMillis()), hit.link(), hit.destination(), hit.method(),
                hit.ip(), hit.userAgent(), hit.headers(), Instant.ofEpochSecond(hit.trackingEndsAtSeconds()), insight);
    }
}
