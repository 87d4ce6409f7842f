package dev.glint.classify;

import dev.glint.model.RawHit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What the classifier looks at in one hit.
 *
 * @param method the HTTP method as sent (compared case-insensitively)
 * @param ip the client address as a literal (IPv4 or IPv6); anything else matches no network
 * @param userAgent the {@code User-Agent} header, empty when there was none
 * @param headers request headers with lower-case names (names are lower-cased if they are not)
 * @param secondsSinceSend seconds from the send of the mail to the hit, when the send time is known
 */
public record HitTraits(
        HitKind kind,
        String method,
        String ip,
        String userAgent,
        Map<String, String> headers,
        OptionalLong secondsSinceSend) {

    public HitTraits {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(secondsSinceSend, "secondsSinceSend");
        headers = lowerCaseNames(Objects.requireNonNull(headers, "headers"));
    }

    /** Traits of a GET with no headers and no known send time (tests, examples). */
    public static HitTraits of(HitKind kind, String ip, String userAgent) {
        return new HitTraits(kind, "GET", ip, userAgent, Map.of(), OptionalLong.empty());
    }

    /**
     * Traits of a stored hit. A probe (HEAD or another non-GET) on a link counts as a click, on the
     * pixel as an open; its method makes it a scanner either way.
     *
     * @param sentAt when the mail was sent, if known
     */
    public static HitTraits of(RawHit hit, @Nullable Instant sentAt) {
        HitKind kind = switch (hit.type()) {
            case OPEN, READ, FORWARD -> HitKind.OPEN; // beacons are image loads like the pixel
            case CLICK, HONEYPOT, ATTACHMENT, ATTACHMENT_BEACON -> HitKind.CLICK; // a followed link, and what its page sends
            case PROBE -> hit.link() >= 0 ? HitKind.CLICK : HitKind.OPEN;
            case READ_RECEIPT -> throw new IllegalArgumentException("a read receipt arrives by mail, never as an HTTP hit");
        };
        OptionalLong seconds = sentAt == null
                ? OptionalLong.empty()
                : OptionalLong.of(Math.floorDiv(hit.receivedAtMillis() - sentAt.toEpochMilli(), 1000L));
        return new HitTraits(kind, hit.method(), hit.ip(), hit.userAgent(), hit.headers(), seconds);
    }

    /** Header names in lower case; copies only when one is not lower case already. */
    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        for (String name : headers.keySet()) {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                Map<String, String> lower = new HashMap<>(headers.size() * 2);
                headers.forEach((n, v) -> lower.put(n.toLowerCase(Locale.ROOT), v));
                return Map.copyOf(lower);
            }
        }
        return Map.copyOf(headers);
    }
}
