package dev.glint.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The labelled set: real user agents and behaviours from public documentation, with their sources. */
class LabelledHitsTest {
    private static final HitClassifier CLASSIFIER = HitClassifier.load();
    private static final List<LabelledHit> HITS = LabelledHit.all();
    /** Minimum accuracy per class, known misses included. */
    private static final Map<Verdict, Double> FLOOR = Map.of(
            Verdict.HUMAN, 1.0, Verdict.PROXY_OPEN, 1.0, Verdict.PRIVACY_PREFETCH, 1.0, Verdict.SCANNER, 0.95);

    @Test
    void classifiesTheLabelledSetWithTheRequiredAccuracyPerClass() {
        // GIVEN the labelled set, covering every verdict
        Map<Verdict, Map<Verdict, Integer>> confusion = new EnumMap<>(Verdict.class);
        List<String> wrong = new ArrayList<>();
        List<String> knownMisses = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            confusion.put(v, new EnumMap<>(Verdict.class));
        }

        // WHEN every case is classified
        for (LabelledHit hit : HITS) {
            Classification c = CLASSIFIER.classify(hit.traits());
            confusion.get(hit.expected()).merge(c.verdict(), 1, Integer::sum);
            if (hit.knownMiss()) {
                knownMisses.add(hit.id() + ": expected " + hit.expected().wire() + ", got " + c.verdict().wire());
                assertNotEquals(hit.expected(), c.verdict(),
                        hit.id() + " is marked known_miss but is now right: drop the mark");
            } else if (c.verdict() != hit.expected()) {
                wrong.add(hit.id() + ": expected " + hit.expected().wire() + ", got " + c.verdict().wire() + " " + c.reasons());
            }
        }
        System.out.println(summary(confusion, knownMisses));

        // THEN every case not marked as a known miss is right, and each class meets its floor
        assertTrue(wrong.isEmpty(), "misclassified: " + wrong);
        for (Verdict v : Verdict.values()) {
            int total = confusion.get(v).values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(total >= 5, "the labelled set needs at least 5 cases of " + v.wire());
            double accuracy = confusion.get(v).getOrDefault(v, 0) / (double) total;
            assertTrue(accuracy >= FLOOR.get(v), v.wire() + " accuracy " + accuracy);
        }
        assertTrue(HITS.size() >= 60, "only " + HITS.size() + " labelled cases");
    }

    @Test
    void noGmailProxyOpenIsEverMachineNoise() {
        // GIVEN every Gmail-proxy open of the set, and the same fetch at every age 0..20 s, from any
        // address (even a documented Microsoft one) and with no headers at all
        List<HitTraits> opens = new ArrayList<>();
        for (LabelledHit hit : HITS) {
            if (hit.traits().userAgent().contains("GoogleImageProxy") && hit.traits().kind() == HitKind.OPEN
                    && hit.traits().method().equals("GET")) {
                opens.add(hit.traits());
            }
        }
        assertTrue(opens.size() >= 5);
        String ua = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
        for (long s = -1; s <= 20; s++) {
            for (String ip : List.of("192.0.2.1", "40.107.1.2", "2a01:111:f403::1", "not an ip", "")) {
                opens.add(new HitTraits(HitKind.OPEN, "GET", ip, ua, Map.of(), java.util.OptionalLong.of(s)));
            }
        }

        // WHEN classified THEN each is a proxy open from Gmail
        for (HitTraits open : opens) {
            Classification c = CLASSIFIER.classify(open);
            assertEquals(Verdict.PROXY_OPEN, c.verdict(), open + " -> " + c);
            assertEquals("Gmail", c.client());
        }
    }

    @Test
    void namesTheMailClientOfEveryCaseThatHasOne() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (LabelledHit hit : HITS) {
            if (hit.expectedClient().isPresent()) {
                checked++;
                String client = CLASSIFIER.classify(hit.traits()).client();
                if (!client.equals(hit.expectedClient().get())) {
                    wrong.add(hit.id() + ": expected " + hit.expectedClient().get() + ", got " + client);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(checked >= 20, "only " + checked + " cases name a client");
    }

    @Test
    void everyRuleOfTheRulesFileHasALabelledExample() {
        // GIVEN every rule id of rules-v1.json
        Set<String> unexercised = new TreeSet<>(CLASSIFIER.ruleIds());

        // WHEN the labelled set is traced
        for (LabelledHit hit : HITS) {
            HitClassifier.Trace trace = CLASSIFIER.trace(hit.traits());
            trace.verdictRules().forEach(unexercised::remove);
            trace.clientRule().ifPresent(unexercised::remove);
        }

        // THEN each rule matched at least one documented case
        assertTrue(unexercised.isEmpty(), "rules without a labelled example: " + unexercised);
    }

    @Test
    void everyCaseCitesItsSourceAndHasAUniqueId() {
        Set<String> ids = new HashSet<>();
        for (LabelledHit hit : HITS) {
            assertTrue(ids.add(hit.id()), "duplicate id " + hit.id());
            assertFalse(hit.source().isBlank(), hit.id() + " has no source");
        }
    }

    private static String summary(Map<Verdict, Map<Verdict, Integer>> confusion, List<String> knownMisses) {
        StringBuilder out = new StringBuilder("\nLabelled hits: " + HITS.size() + " cases (rows: expected, columns: got)\n");
        out.append(String.format(Locale.ROOT, "%-18s", "expected \\ got"));
        for (Verdict v : Verdict.values()) {
            out.append(String.format(Locale.ROOT, "%18s", v.wire()));
        }
        out.append(String.format(Locale.ROOT, "%10s%10s%n", "cases", "accuracy"));
        for (Verdict expected : Verdict.values()) {
            Map<Verdict, Integer> row = confusion.get(expected);
            int total = row.values().stream().mapToInt(Integer::intValue).sum();
            out.append(String.format(Locale.ROOT, "%-18s", expected.wire()));
            for (Verdict got : Verdict.values()) {
                out.append(String.format(Locale.ROOT, "%18d", row.getOrDefault(got, 0)));
            }
            out.append(String.format(Locale.ROOT, "%10d%9.1f%%%n", total, 100.0 * row.getOrDefault(expected, 0) / Math.max(1, total)));
        }
        out.append("Known misses (documented in the fixture):\n");
        knownMisses.forEach(m -> out.append("  ").append(m).append('\n'));
        return out.toString();
    }
}
