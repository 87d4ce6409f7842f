package dev.glint.model;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.enrich.GeoInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a recipient's copy was likely passed on, with the evidence in words. The threshold comes
 * from {@link EvidenceThresholds} (a versioned resource, or a file of the operator's).
 */
public record Forwarding(Likelihood forwarded, List<String> evidence) {

    /** More distinct device/network fingerprints than this make a forward possible. */
    public static final int MAX_FINGERPRINTS_OF_ONE_READER = EvidenceThresholds.current().maxFingerprintsOfOneReader();

    /** A recipient with nothing that hints at a forward. */
    public static final Forwarding NONE = new Forwarding(Likelihood.NONE, List.of());

    public Forwarding {
        evidence = List.copyOf(evidence);
    }

    /** How sure: a beacon in a quoted copy, or a new country and device, make it likely. */
    public enum Likelihood {
        NONE, POSSIBLE, LIKELY;

        /** The lower-case name used in JSON and stored aggregates. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a wire name; unknown or missing names read as none. */
        public static Likelihood fromWire(@Nullable String value) {
            for (Likelihood l : values()) {
                if (l.wire().equals(value)) {
                    return l;
                }
            }
            return NONE;
        }
    }

    /** Where and on what a human event happened; {@code network} is the ASN, else the country. */
    private record Fingerprint(String network, String device) {}

    /** Folds a recipient's events in time order. */
    public static Forwarding of(Collection<TrackingEvent> events) {
        List<TrackingEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(TrackingEvent::at));
        List<String> evidence = new ArrayList<>();
        boolean likely = false;
        TrackingEvent first = null;
        Map<Fingerprint, TrackingEvent> fingerprints = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>();
        for (TrackingEvent e : sorted) {
            Verdict verdict = e.insight().verdict();
            if (e.type() == EventType.FORWARD && (verdict == Verdict.HUMAN || verdict == Verdict.PROXY_OPEN)) {
                likely = true;
                evidence.add("the copy was shown quoted inside a reply or forward (" + describe(e) + ")");
            }
            boolean humanView = verdict == Verdict.HUMAN && (e.type() == EventType.OPEN || e.type() == EventType.CLICK);
            if (!humanView) {
                continue;
            }
            fingerprints.putIfAbsent(fingerprint(e), e);
            if (first == null) {
                first = e;
            } else if (newCountryAndDevice(first, e) && reported.add(country(e) + deviceKey(e.insight().device()))) {
                likely = true;
                evidence.add(verb(first) + " on " + describe(first) + ", then " + verb(e) + " on " + describe(e)
                        + " " + later(first, e));
            }
        }
        if (fingerprints.size() > MAX_FINGERPRINTS_OF_ONE_READER) {
            evidence.add(fingerprints.size() + " distinct device/network fingerprints: "
                    + String.join("; ", fingerprints.values().stream().map(Forwarding::describe).toList()));
        }
        if (likely) {
            return new Forwarding(Likelihood.LIKELY, evidence);
        }
        return evidence.isEmpty() ? NONE : new Forwarding(Likelihood.POSSIBLE, evidence);
    }

    private static Fingerprint fingerprint(TrackingEvent e) {
        GeoInfo geo = e.insight().geo();
        String network = geo == null ? "?" : geo.asn() != null ? "AS" + geo.asn() : Objects.toString(geo.country(), "?");
        return new Fingerprint(network, deviceKey(e.insight().device()));
    }

    private static String deviceKey(DeviceInfo d) {
        return d.deviceType().wire() + "/" + Objects.toString(d.os(), "?") + "/" + Objects.toString(d.deviceFamily(), "?");
    }

    /** A different, known country and a different device than the first human open. */
    private static boolean newCountryAndDevice(TrackingEvent first, TrackingEvent e) {
        String a = country(first);
        String b = country(e);
        return a != null && b != null && !a.equals(b)
                && !deviceKey(first.insight().device()).equals(deviceKey(e.insight().device()));
    }

    private static @Nullable String country(TrackingEvent e) {
        return e.insight().geo() == null ? null : e.insight().geo().country();
    }

    private static String verb(TrackingEvent e) {
        return e.type() == EventType.CLICK ? "clicked" : "opened";
    }

    /** "iPhone in Berlin", "Windows/Outlook in Lyon". */
    private static String describe(TrackingEvent e) {
        DeviceInfo d = e.insight().device();
        String device = d.deviceFamily() != null && !"Mac".equals(d.deviceFamily()) && !"Other".equals(d.deviceFamily())
                ? d.deviceFamily()
                : d.os() != null ? d.os() + (d.browser() == null ? "" : "/" + d.browser())
                : d.deviceType().wire() + " device";
        GeoInfo geo = e.insight().geo();
        String place = geo == null ? "an unknown place"
                : geo.city() != null ? geo.city()
                : geo.country() != null ? geo.country()
                : geo.asn() != null ? "AS" + geo.asn() : "an unknown place";
        return device + " in " + place;
    }

    private static String later(TrackingEvent first, TrackingEvent e) {
        Duration d = Duration.between(first.at(), e.at());
        if (d.toDays() >= 1) {
            return d.toDays() + " d later";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h later";
        }
        return Math.max(d.toMinutes(), 0) + " min later";
    }
}
