package dev.glint.model;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A hit as the track function saw it, with the token's claims: the message on the hits queue.
 *
 * @param hitId unique per HTTP request (the API Gateway request id); the worker is idempotent on it
 * @param receivedAtMillis when the request arrived, epoch milliseconds
 * @param link link index for clicks, -1 otherwise
 * @param trackingEndsAtSeconds the token's expiry, epoch seconds: the email's events are kept until then
 * @param detail what an attachment hit adds: {@code action} (view, download) for an access; for a
 *     viewer beacon its validated fields (see {@code dev.glint.attach.Beacon}); empty for every other hit
 */
public record RawHit(
        String hitId,
        EventType type,
        String method,
        long receivedAtMillis,
        String accountId,
        String emailId,
        int recipient,
        int link,
        @Nullable String destination,
        String ip,
        String userAgent,
        Map<String, String> headers,
        long trackingEndsAtSeconds,
        Map<String, String> detail) {

    public RawHit {
        Objects.requireNonNull(hitId, "hitId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        detail = detail == null ? Map.of() : Map.copyOf(detail);
        if (hitId.isBlank() || recipient < 0) {
            throw new IllegalArgumentException("a raw hit needs a hit id and a recipient index");
        }
    }

    /** A hit of the mail itself (pixel, link, beacon): no detail. */
    public RawHit(String hitId, EventType type, String method, long receivedAtMillis, String accountId, String emailId,
            int recipient, int link, @Nullable String destination, String ip, String userAgent, Map<String, String> headers,
            long trackingEndsAtSeconds) {
        this(hitId, type, method, receivedAtMillis, accountId, emailId, recipient, link, destination, ip, userAgent,
                headers, trackingEndsAtSeconds, Map.of());
    }
}
