package dev.glint.attach;

import dev.glint.classify.Verdict;
import dev.glint.model.AttachmentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An attachment's audit log folded per recipient (an email and a recipient index: one attachment
 * may be sent in several emails) and in total.
 *
 * <p>What counts: {@code views} and {@code downloads} are accesses whose verdict is {@code human}
 * or {@code proxy_open} (a person behind a provider's proxy); every access, scanners included, is
 * in {@code accessesByVerdict}. Viewer beacons count toward dwell, pages, scroll, image and video
 * time only when their verdict is {@code human}: the viewer runs script, which image proxies and
 * prefetchers never do, so a beacon from anything else is a machine or a forgery.
 *
 * <p>Beacon fields (see the {@link AttachmentEvent} javadoc): a {@code page} beacon carries
 * {@code page} (1-based), {@code dwellMs} (time on that page since the session's previous beacon)
 * and {@code scroll} (0–100); an {@code image} beacon {@code dwellMs}; a {@code video} beacon
 * {@code event} (play, pause, seek, ended, timeupdate), {@code position} (seconds, after the event:
 * for a seek the new position), optionally {@code from} (a seek's old position), {@code duration}
 * (seconds) and {@code percent} (the viewer's own estimate).
 *
 * <p>Video: {@code watchedSeconds} is the length of the union of the stretches played in every
 * session, a stretch running from a {@code play} (or a seek while playing) to the next pause,
 * ended, seek or periodic {@code timeupdate} position (so a tab closed while playing keeps what was watched); {@code percentWatched} = watchedSeconds / duration × 100,
 * rounded down, at most 100. Seeking past a part does not count it; watching a part twice counts it
 * once. Without a duration, the viewer's largest reported {@code percent} is used.
 */
public record AttachmentStats(Totals totals, List<RecipientStats> recipients) {

    public AttachmentStats {
        recipients = List.copyOf(recipients);
    }

    /** The totals over every recipient. */
    public record Totals(int views, int downloads, int refused, Map<String, Integer> accessesByVerdict,
            @Nullable Instant firstAccessAt, @Nullable Instant lastAccessAt, long dwellMs,
            Map<Integer, Long> pageDwellMs, long imageViewMs, int recipientsWhoAccessed) {
        public Totals {
            accessesByVerdict = Map.copyOf(accessesByVerdict);
            pageDwellMs = Map.copyOf(pageDwellMs);
        }
    }

    /** One recipient's use of the attachment. */
    public record RecipientStats(String emailId, int recipient, int views, int downloads, int refused,
            Map<String, Integer> accessesByVerdict, @Nullable Instant firstAccessAt, @Nullable Instant lastAccessAt,
            long dwellMs, Map<Integer, Long> pageDwellMs, int pagesReached, int maxScroll, long imageViewMs,
            Video video) {
        public RecipientStats {
            accessesByVerdict = Map.copyOf(accessesByVerdict);
            pageDwellMs = Map.copyOf(pageDwellMs);
        }
    }

    /** Playback of a video attachment; {@code durationSeconds} 0 when the viewer never said. */
    public record Video(int plays, double durationSeconds, double watchedSeconds, int percentWatched) {
        public static final Video NONE = new Video(0, 0, 0, 0);
    }

    /** Folds the log (any order; it is sorted by time here). */
    public static AttachmentStats of(List<AttachmentEvent> events) {
        Map<String, Fold> byRecipient = new LinkedHashMap<>();
        events.stream().sorted(Comparator.comparing(AttachmentEvent::at).thenComparing(AttachmentEvent::hitId))
                .forEach(e -> byRecipient.computeIfAbsent(e.emailId() + "#" + e.recipient(),
                        k -> new Fold(e.emailId(), e.recipient())).add(e));
        List<RecipientStats> recipients = byRecipient.values().stream().map(Fold::stats).toList();
        int views = 0;
        int downloads = 0;
        int refused = 0;
        long dwell = 0;
        long image = 0;
        int accessed = 0;
        Instant first = null;
        Instant last = null;
        Map<String, Integer> byVerdict = new TreeMap<>();
        Map<Integer, Long> pages = new TreeMap<>();
        for (RecipientStats r : recipients) {
            views += r.views();
            downloads += r.downloads();
            refused += r.refused();
            dwell += r.dwellMs();
            image += r.imageViewMs();
            r.accessesByVerdict().forEach((v, n) -> byVerdict.merge(v, n, Integer::sum));
            r.pageDwellMs().forEach((p, ms) -> pages.merge(p, ms, Long::sum));
            if (r.firstAccessAt() != null) {
                accessed++;
                first = first == null || r.firstAccessAt().isBefore(first) ? r.firstAccessAt() : first;
                last = last == null || r.lastAccessAt().isAfter(last) ? r.lastAccessAt() : last;
            }
        }
        return new AttachmentStats(new Totals(views, downloads, refused, byVerdict, first, last, dwell, pages, image,
                accessed), recipients);
    }

    /** One recipient's running fold. */
    private static final class Fold {
        private final String emailId;
        private final int recipient;
        private int views;
        private int downloads;
        private int refused;
        private final Map<String, Integer> byVerdict = new TreeMap<>();
        private @Nullable Instant first;
        private @Nullable Instant last;
        private long dwell;
        private final Map<Integer, Long> pages = new TreeMap<>();
        private int pagesReached;
        private int maxScroll;
        private long image;
        private final Map<String, Playback> playback = new LinkedHashMap<>();

        Fold(String emailId, int recipient) {
            this.emailId = emailId;
            this.recipient = recipient;
        }

        void add(AttachmentEvent e) {
            Verdict verdict = e.insight().verdict();
            boolean person = verdict == Verdict.HUMAN || verdict == Verdict.PROXY_OPEN;
            switch (e.action()) {
                case "view", "download" -> {
                    byVerdict.merge(verdict.wire(), 1, Integer::sum);
                    if (person) {
                        if (e.action().equals("view")) {
                            views++;
                        } else {
                            downloads++;
                        }
                        first = first == null ? e.at() : first;
                        last = e.at();
                    }
                }
                case "refused" -> refused++;
                case "page" -> {
                    if (verdict == Verdict.HUMAN) {
                        int page = (int) Math.min(100_000, integer(e, "page").filter(p -> p >= 1).orElse(0L));
                        long ms = integer(e, "dwellMs").filter(v -> v >= 0).orElse(0L);
                        if (page > 0) {
                            pages.merge(page, ms, Long::sum);
                            pagesReached = Math.max(pagesReached, page);
                        }
                        dwell += ms;
                        maxScroll = (int) Math.max(maxScroll, Math.min(100, integer(e, "scroll").filter(s -> s >= 0).orElse(0L)));
                    }
                }
                case "image" -> {
                    if (verdict == Verdict.HUMAN) {
                        long ms = integer(e, "dwellMs").filter(v -> v >= 0).orElse(0L);
                        image += ms;
                        dwell += ms;
                    }
                }
                case "video" -> {
                    if (verdict == Verdict.HUMAN) {
                        playback.computeIfAbsent(e.detail().getOrDefault("session", ""), s -> new Playback()).add(e);
                    }
                }
                default -> { } // an action a later viewer adds: kept in the log, not counted here
            }
        }

        RecipientStats stats() {
            return new RecipientStats(emailId, recipient, views, downloads, refused, byVerdict, first, last, dwell,
                    pages, pagesReached, maxScroll, image, video());
        }

        private Video video() {
            if (playback.isEmpty()) {
                return Video.NONE;
            }
            int plays = 0;
            double duration = 0;
            int reported = 0;
            List<double[]> stretches = new ArrayList<>();
            for (Playback p : playback.values()) {
                plays += p.plays;
                duration = Math.max(duration, p.duration);
                reported = Math.max(reported, p.reportedPercent);
                stretches.addAll(p.stretches);
            }
            double watched = union(stretches, duration);
            int percent = duration > 0 ? (int) Math.min(100, Math.floor(watched * 100 / duration)) : Math.min(100, reported);
            return new Video(plays, duration, watched, percent);
        }
    }

    /** One viewer session's playback: the stretches played, from its play/pause/seek/ended events. */
    private static final class Playback {
        int plays;
        double duration;
        int reportedPercent;
        @Nullable Double playingFrom;
        @Nullable Instant playingSince;
        final List<double[]> stretches = new ArrayList<>();

        void add(AttachmentEvent e) {
            Optional<Double> position = decimal(e, "position").filter(p -> p >= 0);
            decimal(e, "duration").filter(d -> d > 0).ifPresent(d -> duration = Math.max(duration, d));
            integer(e, "percent").ifPresent(p -> reportedPercent = (int) Math.max(reportedPercent, Math.min(100, p)));
            switch (e.detail().getOrDefault("event", "")) {
                case "play" -> {
                    plays++;
                    close(position.orElse(null), e.at());
                    playingFrom = position.orElse(0.0);
                    playingSince = e.at();
                }
                case "pause", "ended" -> {
                    close(position.orElse(null), e.at());
                    playingFrom = null;
                }
                case "seek" -> {
                    if (playingFrom != null) {
                        close(decimal(e, "from").orElse(null), e.at());
                        playingFrom = position.orElse(null);
                        playingSince = e.at();
                    }
                }
                case "timeupdate", "progress" -> { // the viewer's periodic position while playing
                    if (playingFrom != null && position.isPresent()) {
                        close(position.get(), e.at());
                        playingFrom = position.get();
                        playingSince = e.at();
                    }
                }
                default -> { }
            }
        }

        /**
         * Ends the open stretch at {@code end}; without an end position, at the time that passed
         * since it started (playback at normal speed). A stretch is never longer than twice the
         * time that passed (2× is the fastest usual playback rate): positions cannot inflate it.
         */
        private void close(@Nullable Double end, Instant at) {
            if (playingFrom == null || playingSince == null) {
                return;
            }
            double elapsed = Duration.between(playingSince, at).toMillis() / 1000.0;
            double stop = end == null ? playingFrom + elapsed : Math.min(end, playingFrom + 2 * elapsed);
            if (stop > playingFrom) {
                stretches.add(new double[] {playingFrom, stop});
            }
            playingFrom = null;
        }
    }

    /** The total length of the union of the stretches, within [0, duration] when the duration is known. */
    private static double union(List<double[]> stretches, double duration) {
        List<double[]> sorted = new ArrayList<>(stretches);
        sorted.sort(Comparator.comparingDouble(s -> s[0]));
        double total = 0;
        double start = -1;
        double end = -1;
        for (double[] s : sorted) {
            double a = s[0];
            double b = duration > 0 ? Math.min(s[1], duration) : s[1];
            if (b <= a) {
                continue;
            }
            if (a > end) {
                total += Math.max(0, end - start);
                start = a;
                end = b;
            } else {
                end = Math.max(end, b);
            }
        }
        return total + Math.max(0, end - start);
    }

    private static Optional<Long> integer(AttachmentEvent e, String field) {
        String v = e.detail().get(field);
        if (v == null || v.isEmpty() || v.length() > 12) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException x) {
            return decimal(e, field).map(Math::round);
        }
    }

    private static Optional<Double> decimal(AttachmentEvent e, String field) {
        String v = e.detail().get(field);
        if (v == null || v.isEmpty() || v.length() > 24) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException x) {
            return Optional.empty();
        }
    }
}
