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
        long trackingEndsAtSeconds) {

    public RawHit {
        Objects.requireNonNull(hitId, "hitId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (hitId.isBlank() || recipient < 0) {
            throw new IllegalArgumentException("a raw hit needs a hit id and a recipient index");
        }
    }
}
