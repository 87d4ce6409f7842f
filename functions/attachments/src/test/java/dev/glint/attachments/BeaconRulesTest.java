package dev.glint.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BeaconRulesTest {

    @Test
    void limiterAllowsAMinutesWorthThenRefusesUntilTheBucketRefills() {
        // GIVEN a bucket on a clock the test moves
        AtomicLong now = new AtomicLong(1_000_000_000L);
        BeaconLimiter limiter = new BeaconLimiter(now::get);

        // WHEN a link sends 60 beacons at once, then one more
        assertEquals(0, limiter.take("link", 40));
        assertEquals(0, limiter.take("link", 20));
        long wait = limiter.take("link", 1);

        // THEN the extra one waits about a second; another link is not affected
        assertEquals(1, wait);
        assertEquals(0, limiter.take("other", 60));
        // AND a second later one beacon fits again, but not two
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(0, limiter.take("link", 1));
        assertTrue(limiter.take("link", 1) > 0);
    }

    @Test
    void videoBeaconsKeepPositionsWithinTheirDurationOfAtMostADay() throws Exception {
        var ok = BeaconBatch.beacons(BeaconBatch.read(
                "{\"session\":\"s\",\"kind\":\"video\",\"event\":\"timeupdate\",\"position\":61.25,\"duration\":120.5}"),
                "video", 0, "sid");
        assertEquals(Map.of("kind", "video", "event", "timeupdate", "position", "61.25", "duration", "120.5",
                "session", "sid"), ok.getFirst().detail());
        // a video whose length is not known yet: positions only, bounded by a day
        assertEquals(Map.of("kind", "video", "event", "play", "position", "3.5", "session", "sid"), BeaconBatch.beacons(
                BeaconBatch.read("{\"kind\":\"video\",\"event\":\"play\",\"position\":3.5}"), "video", 0, "sid")
                .getFirst().detail());
        for (String[] bad : List.of(
                new String[] {"position", "{\"kind\":\"video\",\"event\":\"play\",\"position\":121,\"duration\":120}"},
                new String[] {"position", "{\"kind\":\"video\",\"event\":\"play\",\"position\":86401}"},
                new String[] {"duration", "{\"kind\":\"video\",\"event\":\"play\",\"position\":1,\"duration\":86401}"},
                new String[] {"event", "{\"kind\":\"video\",\"event\":\"download\",\"position\":1,\"duration\":2}"},
                new String[] {"dwellMs", "{\"kind\":\"video\",\"event\":\"play\",\"position\":1,\"duration\":2,\"dwellMs\":1}"})) {
            BeaconBatch.Rejected e = assertThrows(BeaconBatch.Rejected.class,
                    () -> BeaconBatch.beacons(BeaconBatch.read(bad[1]), "video", 0, "sid"));
            assertEquals(bad[0], e.field());
        }
    }

    @Test
    void pagesAreBoundedByTheDocumentOrTenThousandWhenUnknown() throws Exception {
        String page = "{\"kind\":\"page\",\"page\":9999,\"dwellMs\":1}";
        assertEquals("9999", BeaconBatch.beacons(BeaconBatch.read(page), "pdf", 0, "sid").getFirst().detail().get("page"));
        assertEquals("page", assertThrows(BeaconBatch.Rejected.class,
                () -> BeaconBatch.beacons(BeaconBatch.read(page), "pdf", 12, "sid")).field());
        assertEquals("page", assertThrows(BeaconBatch.Rejected.class, () -> BeaconBatch.beacons(
                BeaconBatch.read("{\"kind\":\"page\",\"page\":10001,\"dwellMs\":1}"), "pdf", 0, "sid")).field());
        assertEquals("dwellMs", assertThrows(BeaconBatch.Rejected.class, () -> BeaconBatch.beacons(
                BeaconBatch.read("{\"kind\":\"page\",\"page\":1,\"dwellMs\":-1}"), "pdf", 0, "sid")).field());
        assertEquals("dwellMs", assertThrows(BeaconBatch.Rejected.class, () -> BeaconBatch.beacons(
                BeaconBatch.read("{\"kind\":\"page\",\"page\":1,\"dwellMs\":1.5}"), "pdf", 0, "sid")).field());
    }

    @Test
    void batchesHoldOneToTwentyBeacons() throws Exception {
        String one = "{\"kind\":\"image\",\"dwellMs\":5}";
        String twentyOne = "{\"session\":\"s\",\"beacons\":[" + String.join(",", java.util.Collections.nCopies(21, one)) + "]}";
        assertEquals("beacons", assertThrows(BeaconBatch.Rejected.class,
                () -> BeaconBatch.beacons(BeaconBatch.read(twentyOne), "image", 0, "sid")).field());
        assertEquals("beacons", assertThrows(BeaconBatch.Rejected.class,
                () -> BeaconBatch.beacons(BeaconBatch.read("{\"session\":\"s\",\"beacons\":[]}"), "image", 0, "sid")).field());
        String twenty = "{\"session\":\"s\",\"beacons\":[" + String.join(",", java.util.Collections.nCopies(20, one)) + "]}";
        assertEquals(20, BeaconBatch.beacons(BeaconBatch.read(twenty), "image", 0, "sid").size());
    }
}
