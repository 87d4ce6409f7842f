package dev.glint.store;

import dev.glint.model.RecipientStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stores {@link RecipientStats} as a compact DynamoDB map (short names: it is kept per recipient twice). */
final class StatsCodec {
    private StatsCodec() {}

    static AttributeValue write(RecipientStats s) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("v", n(s.version()));
        m.put("o", n(s.opens()));
        m.put("c", n(s.clicks()));
        m.put("p", n(s.probes()));
        time(m, "fo", s.firstOpenAt());
        time(m, "lo", s.lastOpenAt());
        time(m, "fc", s.firstClickAt());
        time(m, "lc", s.lastClickAt());
        Map<String, AttributeValue> links = new HashMap<>();
        s.linkClicks().forEach((link, count) -> links.put(Integer.toString(link), n(count)));
        m.put("l", AttributeValue.fromM(links));
        return AttributeValue.fromM(m);
    }

    static RecipientStats read(@Nullable AttributeValue value) {
        if (value == null || !value.hasM()) {
            return RecipientStats.EMPTY;
        }
        Map<String, AttributeValue> m = value.m();
        Map<Integer, Integer> links = new TreeMap<>();
        AttributeValue l = m.get("l");
        if (l != null && l.hasM()) {
            l.m().forEach((k, v) -> links.put(Integer.parseInt(k), Integer.parseInt(v.n())));
        }
        return new RecipientStats(num(m, "v"), num(m, "o"), num(m, "c"), num(m, "p"),
                time(m, "fo"), time(m, "lo"), time(m, "fc"), time(m, "lc"), links);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static int num(Map<String, AttributeValue> m, String key) {
        AttributeValue v = m.get(key);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static void time(Map<String, AttributeValue> m, String key, @Nullable Instant at) {
        if (at != null) {
            m.put(key, n(at.toEpochMilli()));
        }
    }

    private static @Nullable Instant time(Map<String, AttributeValue> m, String key) {
        AttributeValue v = m.get(key);
        return v == null || v.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(v.n()));
    }
}
