package dev.glint.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.model.AttachmentEvent;
import dev.glint.model.HitInsight;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachmentStatsTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private final List<AttachmentEvent> log = new ArrayList<>();
    private int n;

    @Test
    void countsPeoplesAccessesAndKeepsScannersInTheVerdictSplitOnly() {
        // GIVEN a scanner prefetch, a person's view and download, a proxy view and a refused access
        add("em_a", 0, "view", Verdict.SCANNER, 0, Map.of());
        add("em_a", 0, "view", Verdict.HUMAN, 60, Map.of());
        add("em_a", 0, "download", Verdict.HUMAN, 120, Map.of());
        add("em_a", 1, "view", Verdict.PROXY_OPEN, 30, Map.of());
        add("em_a", 1, "refused", Verdict.HUMAN, 200, Map.of("reason", "revoked"));

        AttachmentStats stats = AttachmentStats.of(log);

        // THEN views count people (human and proxy), the scanner is only in accessesByVerdict
        assertEquals(2, stats.totals().views());
        assertEquals(1, stats.totals().downloads());
        assertEquals(1, stats.totals().refused());
        assertEquals(Map.of("scanner", 1, "human", 2, "proxy_open", 1), stats.totals().accessesByVerdict());
        AttachmentStats.RecipientStats first = recipient(stats, "em_a", 0);
        assertEquals(T0.plusSeconds(60), first.firstAccessAt(), "the scanner's earlier prefetch is not an access");
        assertEquals(T0.plusSeconds(120), first.lastAccessAt());
        assertEquals(T0.plusSeconds(30), stats.totals().firstAccessAt());
        assertEquals(2, stats.totals().recipientsWhoAccessed());
    }

    @Test
    void onlyHumanBeaconsCountTowardDwellPagesAndScroll() {
        add("em_a", 0, "page", Verdict.HUMAN, 10, Map.of("page", "1", "dwellMs", "5000", "scroll", "40", "session", "s"));
        add("em_a", 0, "page", Verdict.HUMAN, 20, Map.of("page", "1", "dwellMs", "2000", "scroll", "90", "session", "s"));
        add("em_a", 0, "page", Verdict.HUMAN, 30, Map.of("page", "4", "dwellMs", "3000", "session", "s"));
        add("em_a", 0, "page", Verdict.SCANNER, 40, Map.of("page", "9", "dwellMs", "100000", "scroll", "100", "session", "x"));
        add("em_a", 0, "image", Verdict.HUMAN, 50, Map.of("dwellMs", "1500", "session", "s"));
        add("em_a", 0, "page", Verdict.HUMAN, 60, Map.of("page", "abc", "dwellMs", "-5", "session", "s"));

        AttachmentStats.RecipientStats r = recipient(AttachmentStats.of(log), "em_a", 0);

        assertEquals(Map.of(1, 7000L, 4, 3000L), r.pageDwellMs());
        assertEquals(4, r.pagesReached());
        assertEquals(90, r.maxScroll());
        assertEquals(1500, r.imageViewMs());
        assertEquals(11_500, r.dwellMs());
    }

    @Test
    void videoPercentIsTheUnionOfPlayedStretchesOverTheDuration() {
        // GIVEN a 100 s video: 0–20 played, seek to 50, 50–60 played, later 10–30 replayed (10–20 overlaps)
        video("s1", 0, "play", Map.of("position", "0", "duration", "100"));
        video("s1", 20, "pause", Map.of("position", "20"));
        video("s1", 25, "play", Map.of("position", "20"));
        video("s1", 25, "seek", Map.of("from", "20", "position", "50"));
        video("s1", 35, "pause", Map.of("position", "60"));
        video("s2", 100, "play", Map.of("position", "10"));
        video("s2", 120, "ended", Map.of("position", "30"));

        AttachmentStats.Video v = recipient(AttachmentStats.of(log), "em_a", 0).video();

        // THEN watched = [0,30] ∪ [50,60] = 40 s of 100: 40 %
        assertEquals(3, v.plays());
        assertEquals(100.0, v.durationSeconds());
        assertEquals(40.0, v.watchedSeconds(), 1e-9);
        assertEquals(40, v.percentWatched());
    }

    @Test
    void aVideoStretchCannotOutrunTheClockAndAMissingEndUsesElapsedTime() {
        // GIVEN a play at 0 that claims to reach 90 s after 10 s of wall time, then a seek with no "from"
        video("s", 0, "play", Map.of("position", "0", "duration", "100"));
        video("s", 10, "pause", Map.of("position", "90"));
        video("s", 20, "play", Map.of("position", "50"));
        video("s", 25, "seek", Map.of("position", "80"));
        video("s", 30, "ended", Map.of("position", "85"));

        AttachmentStats.Video v = recipient(AttachmentStats.of(log), "em_a", 0).video();

        // THEN [0,20] (2× the 10 s elapsed) ∪ [50,55] (5 s elapsed) ∪ [80,85] = 30 s
        assertEquals(30.0, v.watchedSeconds(), 1e-9);
        assertEquals(30, v.percentWatched());
    }

    @Test
    void theViewersPeriodicPositionsKeepWhatWasWatchedWhenTheTabClosesWhilePlaying() {
        // GIVEN a play, two periodic positions, and no pause or end (the tab was closed)
        video("s", 0, "play", Map.of("position", "0", "duration", "100"));
        video("s", 10, "timeupdate", Map.of("position", "10", "duration", "100"));
        video("s", 20, "timeupdate", Map.of("position", "20", "duration", "100"));

        // THEN the 20 s played up to the last position count
        AttachmentStats.Video v = recipient(AttachmentStats.of(log), "em_a", 0).video();
        assertEquals(20.0, v.watchedSeconds(), 1e-9);
        assertEquals(20, v.percentWatched());
    }

    @Test
    void withoutADurationTheViewersOwnPercentIsUsed() {
        video("s", 0, "play", Map.of("position", "0"));
        video("s", 10, "pause", Map.of("position", "10", "percent", "25"));
        assertEquals(25, recipient(AttachmentStats.of(log), "em_a", 0).video().percentWatched());
    }

    @Test
    void anEmptyLogHasNothing() {
        AttachmentStats stats = AttachmentStats.of(List.of());
        assertEquals(0, stats.totals().views());
        assertNull(stats.totals().firstAccessAt());
        assertEquals(List.of(), stats.recipients());
    }

    private void video(String session, int second, String event, Map<String, String> more) {
        Map<String, String> detail = new java.util.HashMap<>(more);
        detail.put("event", event);
        detail.put("session", session);
        add("em_a", 0, "video", Verdict.HUMAN, second, detail);
    }

    private void add(String emailId, int recipient, String action, Verdict verdict, int second, Map<String, String> detail) {
        log.add(new AttachmentEvent("h" + (n++), "att_abcdefghjkmnpqrstvwx", "acct_1", emailId, recipient, action,
                T0.plusSeconds(second), detail, "198.51.100.7", "Mozilla/5.0",
                new HitInsight(verdict, List.of(), "Chrome", DeviceInfo.UNKNOWN, null)));
    }

    private static AttachmentStats.RecipientStats recipient(AttachmentStats stats, String emailId, int index) {
        return stats.recipients().stream().filter(r -> r.emailId().equals(emailId) && r.recipient() == index)
                .findFirst().orElseThrow();
    }
}
