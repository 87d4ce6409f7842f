package dev.glint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glint.model.Forwarding;
import dev.glint.model.ReadReceipt;
import dev.glint.model.Reading;
import dev.glint.model.RecipientStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stored form of a recipient's aggregate reads back as it was written. */
class StatsCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");

    @Test
    void roundTripsEveryFieldWithAReadReceipt() {
        // GIVEN an aggregate with every field set, a manual read receipt included
        RecipientStats stats = full(new ReadReceipt("displayed", T0.plusSeconds(600), true));
        // WHEN written and read back THEN it is equal
        assertEquals(stats, StatsCodec.read(StatsCodec.write(stats)));
    }

    @Test
    void roundTripsAnAutomaticReceipt() {
        RecipientStats stats = full(new ReadReceipt("deleted", T0, false));
        RecipientStats back = StatsCodec.read(StatsCodec.write(stats));
        assertEquals(new ReadReceipt("deleted", T0, false), back.readReceipt());
    }

    @Test
    void roundTripsAnAggregateWithoutAReceipt() {
        RecipientStats stats = full(null);
        AttributeValue stored = StatsCodec.write(stats);
        assertFalse(stored.m().containsKey("rr"));
        assertEquals(stats, StatsCodec.read(stored));
        assertEquals(RecipientStats.EMPTY, StatsCodec.read(StatsCodec.write(RecipientStats.EMPTY)));
    }

    @Test
    void readsAggregatesStoredBeforeReceiptsExisted() {
        // GIVEN a stored map without the receipt attributes, or with a disposition but no time
        Map<String, AttributeValue> m = new HashMap<>(StatsCodec.write(full(null)).m());
        assertNull(StatsCodec.read(AttributeValue.fromM(m)).readReceipt());
        m.put("rr", AttributeValue.fromS("displayed"));
        assertNull(StatsCodec.read(AttributeValue.fromM(m)).readReceipt());
        // AND a receipt without its manual flag reads as automatic
        m.put("ra", AttributeValue.fromN(Long.toString(T0.toEpochMilli())));
        assertEquals(new ReadReceipt("displayed", T0, false), StatsCodec.read(AttributeValue.fromM(m)).readReceipt());
    }

    @Test
    void readsNothingAsTheEmptyAggregate() {
        assertEquals(RecipientStats.EMPTY, StatsCodec.read(null));
        assertEquals(RecipientStats.EMPTY, StatsCodec.read(AttributeValue.fromS("not a map")));
    }

    private static RecipientStats full(ReadReceipt receipt) {
        return new RecipientStats(12, 5, 3, 2, T0, T0.plusSeconds(60), T0.plusSeconds(5), T0.plusSeconds(70),
                Map.of(0, 2, 3, 1), Map.of(0, 1), Map.of("human", 3, "proxy_open", 2), Map.of("human", 1, "scanner", 2),
                T0.plusSeconds(1), Map.of("Gmail", 2, "Apple Mail", 1), Map.of("desktop / Mac OS X", 1),
                Map.of("FR", 1), Map.of("Lyon, FR", 1), 1, new Reading(Reading.Bucket.READ, 20),
                new Forwarding(Forwarding.Likelihood.LIKELY, List.of("two devices", "two networks")), receipt);
    }
}
