package dev.glint.store;

import dev.glint.model.Forwarding;
import dev.glint.model.ReadReceipt;
import dev.glint.model.Reading;
import dev.glint.model.RecipientStats;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stores {@link RecipientStats} as a compact DynamoDB map (short names: it is kept per recipient). */
final class StatsCodec {
    private StatsCodec() {}

    static AttributeValue write(RecipientStats s) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("v", n(s.version()));
        m.put("o", n(s.opens()));
        m.put("c", n(s.clicks()));
        m.put("p", n(s.probes()));
        m.put("h", n(s.honeypots()));
        time(m, "fo", s.firstOpenAt());
        time(m, "lo", s.lastOpenAt());
        time(m, "fc", s.firstClickAt());
        time(m, "lc", s.lastClickAt());
        time(m, "fh", s.firstHumanOpenAt());
        m.put("l", counts(s.linkClicks()));
        m.put("lh", counts(s.linkHumanClicks()));
        m.put("ov", counts(s.opensByVerdict()));
        m.put("cv", counts(s.clicksByVerdict()));
        m.put("cl", counts(s.clients()));
        m.put("dv", counts(s.devices()));
        m.put("co", counts(s.countries()));
        m.put("ci", counts(s.cities()));
        m.put("rb", AttributeValue.fromS(s.reading().bucket().wire()));
        if (s.reading().readSeconds() != null) {
            m.put("rs", n(s.reading().readSeconds()));
        }
        m.put("fw", AttributeValue.fromS(s.forwarding().forwarded().wire()));
        if (!s.forwarding().evidence().isEmpty()) {
            m.put("fe", AttributeValue.fromL(s.forwarding().evidence().stream().map(AttributeValue::fromS).toList()));
        }
        if (s.readReceipt() != null) {
            m.put("rr", AttributeValue.fromS(s.readReceipt().disposition()));
            time(m, "ra", s.readReceipt().at());
            m.put("rm", AttributeValue.fromBool(s.readReceipt().manual()));
        }
        return AttributeValue.fromM(m);
    }

    static RecipientStats read(@Nullable AttributeValue value) {
        if (value == null || !value.hasM()) {
            return RecipientStats.EMPTY;
        }
        Map<String, AttributeValue> m = value.m();
        return new RecipientStats(num(m, "v"), num(m, "o"), num(m, "c"), num(m, "p"),
                time(m, "fo"), time(m, "lo"), time(m, "fc"), time(m, "lc"),
                links(m.get("l")), links(m.get("lh")), named(m.get("ov")), named(m.get("cv")), time(m, "fh"),
                named(m.get("cl")), named(m.get("dv")), named(m.get("co")), named(m.get("ci")), num(m, "h"),
                new Reading(Reading.Bucket.fromWire(string(m, "rb")), m.containsKey("rs") ? num(m, "rs") : null),
                new Forwarding(Forwarding.Likelihood.fromWire(string(m, "fw")), m.containsKey("fe") && m.get("fe").hasL()
                        ? m.get("fe").l().stream().map(AttributeValue::s).toList() : java.util.List.of()),
                m.containsKey("rr") && time(m, "ra") != null
                        ? new ReadReceipt(string(m, "rr"), time(m, "ra"), Boolean.TRUE.equals(m.get("rm") == null ? null : m.get("rm").bool()))
                        : null);
    }

    private static @Nullable String string(Map<String, AttributeValue> m, String key) {
        AttributeValue v = m.get(key);
        return v == null ? null : v.s();
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue counts(Map<?, Integer> counts) {
        Map<String, AttributeValue> m = new HashMap<>();
        counts.forEach((k, v) -> m.put(k.toString(), n(v)));
        return AttributeValue.fromM(m);
    }

    private static Map<Integer, Integer> links(@Nullable AttributeValue value) {
        Map<Integer, Integer> out = new TreeMap<>();
        named(value).forEach((k, v) -> out.put(Integer.parseInt(k), v));
        return out;
    }

    private static Map<String, Integer> named(@Nullable AttributeValue value) {
        Map<String, Integer> out = new TreeMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> out.put(k, Integer.parseInt(v.n())));
        }
        return out;
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
