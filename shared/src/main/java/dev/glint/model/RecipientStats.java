package dev.glint.model;

import dev.glint.classify.Verdict;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One recipient's aggregate, a pure function of its events. {@code version} is the sum over its
 * events of (1 + revision): events are only ever added and revisions only grow (a relabel is a
 * new revision), so a higher version is always the newer view, and writing the same version
 * twice is harmless (this is what makes retries safe).
 *
 * <p>{@code opens} and {@code clicks} count every pixel load and link follow; the by-verdict maps
 * say who caused them. A person is taken to have opened the mail on a {@code human} or
 * {@code proxy_open} pixel load, or a {@code human} click. Clients count such events; devices,
 * countries and cities count {@code human} events only (a proxy's device and place are its own).
 *
 * @param linkClicks every click per link index
 * @param linkHumanClicks human clicks per link index
 * @param honeypots follows of the hidden honeypot link: machine evidence, never an open or a click
 * @param reading how long a person kept the mail open, from the read beacons ({@link Reading})
 * @param forwarding whether the copy was likely passed on, with evidence ({@link Forwarding})
 * @param readReceipt what the recipient's client said in a read receipt, when one came ({@link ReadReceipt})
 */
public record RecipientStats(
        int version,
        int opens,
        int clicks,
        int probes,
        @Nullable Instant firstOpenAt,
        @Nullable Instant lastOpenAt,
        @Nullable Instant firstClickAt,
        @Nullable Instant lastClickAt,
        Map<Integer, Integer> linkClicks,
        Map<Integer, Integer> linkHumanClicks,
        Map<String, Integer> opensByVerdict,
        Map<String, Integer> clicksByVerdict,
        @Nullable Instant firstHumanOpenAt,
        Map<String, Integer> clients,
        Map<String, Integer> devices,
        Map<String, Integer> countries,
        Map<String, Integer> cities,
        int honeypots,
        Reading reading,
        Forwarding forwarding,
        @Nullable ReadReceipt readReceipt) {

    public static final RecipientStats EMPTY = new RecipientStats(0, 0, 0, 0, null, null, null, null, Map.of());

    public RecipientStats {
        linkClicks = Map.copyOf(linkClicks);
        linkHumanClicks = Map.copyOf(linkHumanClicks);
        opensByVerdict = Map.copyOf(opensByVerdict);
        clicksByVerdict = Map.copyOf(clicksByVerdict);
        clients = Map.copyOf(clients);
        devices = Map.copyOf(devices);
        countries = Map.copyOf(countries);
        cities = Map.copyOf(cities);
    }

    /** Counts without any verdict or enrichment (tests, and aggregates stored before classification). */
    public RecipientStats(int version, int opens, int clicks, int probes, @Nullable Instant firstOpenAt,
            @Nullable Instant lastOpenAt, @Nullable Instant firstClickAt, @Nullable Instant lastClickAt,
            Map<Integer, Integer> linkClicks) {
        this(version, opens, clicks, probes, firstOpenAt, lastOpenAt, firstClickAt, lastClickAt, linkClicks,
                Map.of(), Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of(), 0, Reading.NONE,
                Forwarding.NONE, null);
    }

    /** Folds a recipient's complete event list. */
    public static RecipientStats of(Collection<TrackingEvent> events) {
        int opens = 0;
        int clicks = 0;
        int probes = 0;
        int honeypots = 0;
        int version = 0;
        Instant firstOpen = null;
        Instant lastOpen = null;
        Instant firstClick = null;
        Instant lastClick = null;
        Instant firstHumanOpen = null;
        Map<Integer, Integer> links = new TreeMap<>();
        Map<Integer, Integer> humanLinks = new TreeMap<>();
        Map<String, Integer> openVerdicts = new TreeMap<>();
        Map<String, Integer> clickVerdicts = new TreeMap<>();
        Map<String, Integer> clients = new TreeMap<>();
        Map<String, Integer> devices = new TreeMap<>();
        Map<String, Integer> countries = new TreeMap<>();
        Map<String, Integer> cities = new TreeMap<>();
        for (TrackingEvent e : events) {
            version += 1 + e.revision();
            HitInsight insight = e.insight();
            boolean human = insight.verdict() == Verdict.HUMAN;
            boolean person = false;
            switch (e.type()) {
                case OPEN -> {
                    opens++;
                    firstOpen = min(firstOpen, e.at());
                    lastOpen = max(lastOpen, e.at());
                    openVerdicts.merge(insight.verdict().wire(), 1, Integer::sum);
                    person = insight.countsAsOpen();
                }
                case CLICK -> {
                    clicks++;
                    firstClick = min(firstClick, e.at());
                    lastClick = max(lastClick, e.at());
                    links.merge(e.link(), 1, Integer::sum);
                    clickVerdicts.merge(insight.verdict().wire(), 1, Integer::sum);
                    if (human) {
                        humanLinks.merge(e.link(), 1, Integer::sum);
                    }
                    person = human;
                }
                case PROBE -> probes++;
                case HONEYPOT -> honeypots++;
                case READ, FORWARD -> { } // beacons, never opens: folded by Reading and Forwarding below
                case READ_RECEIPT -> { } // the client's own word, kept apart from opens: ReadReceipt below
                case ATTACHMENT, ATTACHMENT_BEACON -> { } // counted per attachment (AttachmentStats), shown in the timeline
            }
            if (person) {
                firstHumanOpen = min(firstHumanOpen, e.at());
                clients.merge(insight.client(), 1, Integer::sum);
            }
            if (human && (e.type() == EventType.OPEN || e.type() == EventType.CLICK)) {
                devices.merge(insight.device().deviceType().wire() + " / "
                        + (insight.device().os() == null ? "unknown" : insight.device().os()), 1, Integer::sum);
                if (insight.geo() != null && insight.geo().country() != null) {
                    countries.merge(insight.geo().country(), 1, Integer::sum);
                    if (insight.geo().city() != null) {
                        cities.merge(insight.geo().city() + ", " + insight.geo().country(), 1, Integer::sum);
                    }
                }
            }
        }
        return new RecipientStats(version, opens, clicks, probes, firstOpen, lastOpen, firstClick, lastClick,
                links, humanLinks, openVerdicts, clickVerdicts, firstHumanOpen, clients, devices, countries, cities, honeypots,
                Reading.of(events), Forwarding.of(events), ReadReceipt.of(events));
    }

    /** Opens by a person whose device Glint saw. */
    public int confirmedHumanOpens() {
        return opensByVerdict.getOrDefault(Verdict.HUMAN.wire(), 0);
    }

    /** Opens that mean a person opened the mail: confirmed ones and mail providers' image proxies. */
    public int likelyOpens() {
        return confirmedHumanOpens() + opensByVerdict.getOrDefault(Verdict.PROXY_OPEN.wire(), 0);
    }

    /** Clicks by a person. */
    public int humanClicks() {
        return clicksByVerdict.getOrDefault(Verdict.HUMAN.wire(), 0);
    }

    /** When this recipient was first seen doing anything that counts (open or click). */
    public @Nullable Instant firstSeenAt() {
        return min(firstOpenAt, firstClickAt);
    }

    /** When this recipient was last seen opening or clicking. */
    public @Nullable Instant lastSeenAt() {
        return max(lastOpenAt, lastClickAt);
    }

    /** The earlier of two optional instants. */
    public static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The later of two optional instants. */
    public static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
