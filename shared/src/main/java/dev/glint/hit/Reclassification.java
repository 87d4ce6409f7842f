package dev.glint.hit;

import dev.glint.classify.Verdict;
import dev.glint.model.EventType;
import dev.glint.model.EvidenceThresholds;
import dev.glint.model.TrackingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evidence that arrives after a hit was classified, applied to one recipient's events: a follow
 * of the hidden honeypot link, or many links clicked at once. A pure function of the events, so
 * a retry finds the same relabels, and none once they are stored.
 */
public final class Reclassification {
    /** How far before or after a honeypot hit a click (or a hit from its address) is taken to be the same machine. */
    public static final Duration HONEYPOT_WINDOW = EvidenceThresholds.current().honeypotWindow();
    /** The span within which {@link #BURST_LINKS} distinct links clicked are a machine. */
    public static final Duration BURST_WINDOW = EvidenceThresholds.current().burstWindow();
    /** Distinct links clicked within {@link #BURST_WINDOW} that make a burst. */
    public static final int BURST_LINKS = EvidenceThresholds.current().burstLinks();

    /** The reason of every honeypot hit. */
    public static final String HONEYPOT_HIT = "honeypot:hidden-link (a link no reader can see was followed)";
    /** The reason given to hits relabelled for a nearby honeypot hit. */
    public static final String HONEYPOT_BURST = "honeypot:burst (within " + HONEYPOT_WINDOW.toSeconds()
            + " s of a hit on the hidden link: the machine that followed it)";
    /** The reason given to the clicks of a burst. */
    public static final String MANY_LINKS = "burst:many-links (" + BURST_LINKS + " or more links clicked within "
            + BURST_WINDOW.toSeconds() + " s)";

    /**
     * A verdict the evidence calls for.
     *
     * @param event the event as read, whose {@code revision} guards the write
     */
    public record Relabel(TrackingEvent event, Verdict verdict, List<String> reasons) {}

    private Reclassification() {}

    /**
     * The events of one recipient to relabel. An event's reasons become the evidence against it,
     * followed by the reasons of its first verdict when that already said scanner; an event that
     * already has exactly those reasons is left alone, so a refold finds nothing new to do.
     */
    public static List<Relabel> of(List<TrackingEvent> events) {
        Map<TrackingEvent, Set<String>> evidence = new LinkedHashMap<>();
        for (TrackingEvent honeypot : events) {
            if (honeypot.type() != EventType.HONEYPOT) {
                continue;
            }
            for (TrackingEvent e : events) {
                boolean near = Duration.between(honeypot.at(), e.at()).abs().compareTo(HONEYPOT_WINDOW) <= 0;
                boolean sameMachine = e.type() == EventType.CLICK
                        || (isImageLoad(e.type()) && !honeypot.ip().isEmpty() && e.ip().equals(honeypot.ip()));
                if (near && sameMachine) {
                    evidence.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(HONEYPOT_BURST);
                }
            }
        }
        for (TrackingEvent e : burstClicks(events)) {
            evidence.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(MANY_LINKS);
        }
        List<Relabel> out = new ArrayList<>();
        evidence.forEach((e, reasons) -> {
            List<String> target = reasons(e, reasons);
            if (e.insight().verdict() != Verdict.SCANNER || !e.insight().reasons().equals(target)) {
                out.add(new Relabel(e, Verdict.SCANNER, target));
            }
        });
        return List.copyOf(out);
    }

    /** The pixel and the CSS beacons: what a machine that rendered the copy loads. */
    private static boolean isImageLoad(EventType type) {
        return type == EventType.OPEN || type == EventType.READ || type == EventType.FORWARD;
    }

    private static List<String> reasons(TrackingEvent e, Set<String> evidence) {
        List<String> target = new ArrayList<>();
        if (evidence.contains(HONEYPOT_BURST)) { // a fixed order, whatever order the evidence was found in
            target.add(HONEYPOT_BURST);
        }
        if (evidence.contains(MANY_LINKS)) {
            target.add(MANY_LINKS);
        }
        boolean firstSaidScanner = e.history().isEmpty()
                ? e.insight().verdict() == Verdict.SCANNER
                : e.history().get(0).verdict() == Verdict.SCANNER;
        if (firstSaidScanner) {
            List<String> first = e.history().isEmpty() ? e.insight().reasons() : e.history().get(0).reasons();
            first.stream().filter(r -> !target.contains(r)).forEach(target::add);
        }
        return target;
    }

    /** Every click inside some window of {@link #BURST_WINDOW} in which {@link #BURST_LINKS} distinct links were clicked. */
    private static List<TrackingEvent> burstClicks(List<TrackingEvent> events) {
        List<TrackingEvent> clicks = new ArrayList<>();
        for (TrackingEvent e : events) {
            if (e.type() == EventType.CLICK) {
                clicks.add(e);
            }
        }
        clicks.sort(Comparator.comparing(TrackingEvent::at));
        Set<TrackingEvent> burst = new LinkedHashSet<>();
        for (int start = 0; start < clicks.size(); start++) {
            Set<Integer> links = new HashSet<>();
            int end = start;
            while (end < clicks.size()
                    && Duration.between(clicks.get(start).at(), clicks.get(end).at()).compareTo(BURST_WINDOW) <= 0) {
                links.add(clicks.get(end).link());
                end++;
            }
            if (links.size() >= BURST_LINKS) {
                burst.addAll(clicks.subList(start, end));
            }
        }
        return clicks.stream().filter(burst::contains).toList();
    }
}
