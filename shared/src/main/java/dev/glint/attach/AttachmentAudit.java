package dev.glint.attach;

import dev.glint.config.LogLine;
import dev.glint.model.AttachmentEvent;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Ids;
import dev.glint.model.RawHit;
import dev.glint.store.AttachmentEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes attachment accesses and viewer beacons to the attachment's audit log, bounded: a viewer
 * session keeps at most {@link #MAX_BEACONS_PER_SESSION} beacons (more are dropped, counted in a
 * metric), and each beacon's numbers are clamped ({@link #MAX_DWELL_MS} of dwell, scroll 0–100,
 * pages 1–{@value #MAX_PAGE}) so one forged beacon cannot claim hours. Idempotent on the hit id.
 */
public final class AttachmentAudit {
    /** A page beacon every 15 s for two hours, and then some. */
    public static final int MAX_BEACONS_PER_SESSION = 600;
    /** The viewer reports dwell at least every 30 s; more in one beacon is not credible. */
    public static final long MAX_DWELL_MS = 120_000;
    public static final int MAX_PAGE = 10_000;
    /** Lines are kept as long as the email's other events: its tracking end plus 30 days. */
    public static final Duration KEPT_AFTER_TRACKING = Duration.ofDays(30);
    private static final Set<String> ACCESSES = Set.of("view", "download", "refused");
    private static final Set<String> BEACONS = Set.of("page", "image", "video");
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final AttachmentEventStore store;

    public AttachmentAudit(AttachmentEventStore store) {
        this.store = store;
    }

    /** What became of a hit. */
    public enum Outcome { STORED, DUPLICATE, DROPPED }

    /** Audits an {@code ATTACHMENT} or {@code ATTACHMENT_BEACON} hit with the worker's insight. */
    public Outcome record(RawHit hit, HitInsight insight) {
        String attachmentId = hit.destination();
        if (attachmentId == null || !Ids.isAttachmentId(attachmentId)) {
            throw new IllegalArgumentException("an attachment hit names its attachment");
        }
        Map<String, String> detail;
        String action;
        if (hit.type() == EventType.ATTACHMENT) {
            action = hit.detail().getOrDefault("action", "view");
            if (!ACCESSES.contains(action)) {
                throw new IllegalArgumentException("unknown attachment action");
            }
            detail = new LinkedHashMap<>(hit.detail());
            detail.remove("action");
        } else if (hit.type() == EventType.ATTACHMENT_BEACON) {
            action = hit.detail().getOrDefault("action", hit.detail().getOrDefault("kind", ""));
            if (!BEACONS.contains(action)) {
                throw new IllegalArgumentException("unknown beacon kind");
            }
            detail = clamped(hit.detail());
            detail.remove("action");
            detail.remove("kind");
            String session = detail.getOrDefault("session", "");
            if (!SESSION.matcher(session).matches()) {
                detail.put("session", "");
            }
            String sessionKey = hit.emailId() + "#" + hit.recipient() + "#" + detail.get("session");
            if (!store.admitBeacon(attachmentId, sessionKey, hit.hitId(), MAX_BEACONS_PER_SESSION, keepUntil(hit))) {
                LogLine.count("INFO", "attachment_beacon_dropped", "AttachmentBeaconDropped",
                        Map.of("attachmentId", attachmentId, "emailId", hit.emailId(), "recipient", hit.recipient()));
                return Outcome.DROPPED;
            }
        } else {
            throw new IllegalArgumentException("not an attachment hit: " + hit.type());
        }
        AttachmentEvent event = new AttachmentEvent(hit.hitId(), attachmentId, hit.accountId(), hit.emailId(),
                hit.recipient(), action, Instant.ofEpochMilli(hit.receivedAtMillis()), detail, hit.ip(),
                hit.userAgent(), insight);
        return store.putIfAbsent(event, keepUntil(hit)) ? Outcome.STORED : Outcome.DUPLICATE;
    }

    private static Instant keepUntil(RawHit hit) {
        return Instant.ofEpochSecond(hit.trackingEndsAtSeconds()).plus(KEPT_AFTER_TRACKING);
    }

    /** The beacon's numbers within bounds; a field that is not a number is dropped. */
    private static Map<String, String> clamped(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            switch (k) {
                case "dwellMs" -> number(v).ifPresent(n -> out.put(k, Long.toString(Math.round(clamp(n, 0, MAX_DWELL_MS)))));
                case "scroll", "percent" -> number(v).ifPresent(n -> out.put(k, Long.toString(Math.round(clamp(n, 0, 100)))));
                case "page" -> number(v).ifPresent(n -> out.put(k, Long.toString(Math.round(clamp(n, 1, MAX_PAGE)))));
                case "position", "from", "duration" -> number(v).ifPresent(n -> out.put(k, Double.toString(clamp(n, 0, 86_400))));
                default -> out.put(k, v.length() > 64 ? v.substring(0, 64) : v);
            }
        });
        return out;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static java.util.Optional<Double> number(String v) {
        if (v.isEmpty() || v.length() > 24) {
            return java.util.Optional.empty();
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? java.util.Optional.of(d) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
