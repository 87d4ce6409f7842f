package dev.glint.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.model.EventType;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HitClassifierTest {
    private static final HitClassifier CLASSIFIER = HitClassifier.load();
    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final Map<String, String> BROWSER = Map.of("accept-language", "en-US,en;q=0.9");

    @Test
    void aHitWithNoMachineTraitIsHumanAndSaysSo() {
        Classification c = CLASSIFIER.classify(new HitTraits(HitKind.CLICK, "GET", "198.51.100.7", CHROME, BROWSER,
                OptionalLong.of(600)));
        assertEquals(new Classification(Verdict.HUMAN, List.of("no machine trait"), "unknown"), c);
    }

    @Test
    void reasonsNameTheRuleAndExplainIt() {
        Classification c = CLASSIFIER.classify(HitTraits.of(HitKind.OPEN, "192.0.2.1",
                "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"));
        assertEquals(List.of("ua:GoogleImageProxy (Gmail image proxy fetches images when the reader opens the mail)"),
                c.reasons());
    }

    @Test
    void laterRulesWithTheSameVerdictAddTheirReasons() {
        // GIVEN a click from a documented Microsoft range, 1 s after the send, with no Accept-Language
        HitTraits hit = new HitTraits(HitKind.CLICK, "GET", "40.107.218.12", CHROME, Map.of(), OptionalLong.of(1));

        // WHEN classified
        Classification c = CLASSIFIER.classify(hit);

        // THEN the verdict comes from the network, and both timing rules explain it too, in file order
        assertEquals(Verdict.SCANNER, c.verdict());
        assertEquals(List.of("net:microsoft-eop", "timing:impossible-click", "timing:instant-click-no-language"),
                c.reasons().stream().map(r -> r.substring(0, r.indexOf(' '))).toList());
    }

    @Test
    void aClickBeforeTheSendTimeCountsAsInstant() {
        // Clock skew between the sending and the tracking function: the hit is stamped before the send.
        HitTraits hit = new HitTraits(HitKind.CLICK, "GET", "198.51.100.7", CHROME, BROWSER, OptionalLong.of(-3));
        assertEquals(Verdict.SCANNER, CLASSIFIER.classify(hit).verdict());
    }

    @Test
    void opensAreNeverJudgedByTimingOrMicrosoftAddresses() {
        // Outlook.com loads images from Microsoft addresses; a pixel seconds after the send is no click.
        HitTraits open = new HitTraits(HitKind.OPEN, "GET", "40.107.1.1", CHROME, Map.of(), OptionalLong.of(0));
        assertEquals(Verdict.HUMAN, CLASSIFIER.classify(open).verdict());
    }

    @Test
    void aHumanClickingFiveSecondsAfterTheSendStaysHumanButAScriptDoesNot() {
        HitTraits reader = new HitTraits(HitKind.CLICK, "GET", "198.51.100.7", CHROME, BROWSER, OptionalLong.of(5));
        HitTraits script = new HitTraits(HitKind.CLICK, "GET", "198.51.100.7", CHROME, Map.of("accept", "*/*"),
                OptionalLong.of(5));
        assertEquals(Verdict.HUMAN, CLASSIFIER.classify(reader).verdict());
        assertEquals(Verdict.SCANNER, CLASSIFIER.classify(script).verdict());
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        HitTraits hit = new HitTraits(HitKind.CLICK, "GET", "198.51.100.7", CHROME,
                Map.of("Sec-Purpose", "prefetch", "Accept-Language", "en"), OptionalLong.of(600));
        assertEquals("sec-purpose", hit.headers().keySet().stream().filter(k -> k.startsWith("sec")).findFirst().orElseThrow());
        assertEquals(Verdict.SCANNER, CLASSIFIER.classify(hit).verdict());
    }

    @Test
    void aStoredProbeOnALinkIsAScannerClickWithItsAgeFromTheSendTime() {
        // GIVEN a HEAD on link 2, stored by the track function, 90 s after the mail was sent
        Instant sent = Instant.parse("2026-11-25T12:00:00Z");
        RawHit raw = new RawHit("req-1", EventType.PROBE, "HEAD", sent.plusSeconds(90).toEpochMilli(), "acct_1", "em_1",
                0, 2, "https://example.com/", "198.51.100.9", CHROME, Map.of("accept-language", "en"), 0);

        // WHEN turned into traits and classified
        HitTraits traits = HitTraits.of(raw, sent);
        Classification c = CLASSIFIER.classify(traits);

        // THEN it is a click of age 90 s, and a probe
        assertEquals(HitKind.CLICK, traits.kind());
        assertEquals(OptionalLong.of(90), traits.secondsSinceSend());
        assertEquals(Verdict.SCANNER, c.verdict());
        assertTrue(c.reasons().get(0).startsWith("method:not-get "), c.reasons().toString());
        assertEquals(OptionalLong.empty(), HitTraits.of(raw, null).secondsSinceSend());
    }

    @Test
    void verdictsUseTheirLowerCaseWireNamesInJson() {
        assertEquals("\"proxy_open\"", Json.write(Verdict.PROXY_OPEN));
        assertEquals("\"privacy_prefetch\"", Json.write(Verdict.PRIVACY_PREFETCH));
        assertEquals("{\"verdict\":\"scanner\",\"reasons\":[\"x\"],\"client\":\"unknown\"}",
                Json.write(new Classification(Verdict.SCANNER, List.of("x"), "unknown")));
    }

    @Test
    void theTimingThresholdComesFromTheRulesFile() throws IOException {
        // GIVEN the shipped rules with the instant-click window cut from 10 s to 3 s
        String rules = shippedRules().replace("\"seconds\": 10,", "\"seconds\": 3,");
        HitClassifier strict = HitClassifier.fromJson(rules);
        HitTraits script = new HitTraits(HitKind.CLICK, "GET", "198.51.100.7", CHROME, Map.of(), OptionalLong.of(5));

        // WHEN the same 5-second click without Accept-Language is classified by both
        // THEN only the shipped 10 s window catches it
        assertEquals(Verdict.SCANNER, CLASSIFIER.classify(script).verdict());
        assertEquals(Verdict.HUMAN, strict.classify(script).verdict());
    }

    @Test
    void aRulesFileWithAMistakeIsRejectedNamingTheEntry() throws IOException {
        String rules = shippedRules();
        Map<String, String> broken = Map.of(
                "\"source\": \"ScientiaMobile", "\"sauce\": \"ScientiaMobile",
                "\"date\": \"2018-11-18\"", "\"date\": \"18.11.2018\"",
                "\"userAgent\": \"^Mozilla/5\\\\.0 \\\\(Macintosh", "\"userAgent\": \"^Mozilla/5\\\\.0 (\\\\(Macintosh",
                "\"40.107.0.0/16\"", "\"40.107.0.1/16\"",
                "\"network\": \"microsoft-eop\"", "\"network\": \"microsoft\"",
                "\"sentWithin\": \"impossibleClickSeconds\"", "\"sentWithin\": \"impossibleClick\"",
                "\"id\": \"ua:curl\"", "\"id\": \"ua:wget\"",
                "\"kind\": \"click\", \"network\"", "\"kind\": \"clicks\", \"network\"");
        broken.forEach((from, to) -> {
            assertTrue(rules.contains(from), "fixture text not found: " + from);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HitClassifier.fromJson(rules.replace(from, to)), to);
            assertTrue(e.getMessage().contains("rule") || e.getMessage().contains("network"), e.getMessage());
        });
        assertThrows(IllegalArgumentException.class, () -> HitClassifier.fromJson(rules.replace(
                "\"2a01:111:f403::/48\"\n      ]", "\"2a01:111:f403::/48\"\n      ], \"extra\": 1")));
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        // GIVEN the labelled cases classified on one thread
        List<LabelledHit> hits = LabelledHit.all();
        List<Classification> expected = hits.stream().map(h -> CLASSIFIER.classify(h.traits())).toList();

        // WHEN 8 threads classify them all, many times over
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Classification>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    List<Classification> last = null;
                    for (int round = 0; round < 200; round++) {
                        last = hits.stream().map(h -> CLASSIFIER.classify(h.traits())).toList();
                    }
                    return last;
                }));
            }
            // THEN every thread gets the same answers
            for (Future<List<Classification>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void describesItsRules() {
        assertEquals(1, CLASSIFIER.rulesVersion());
        assertTrue(CLASSIFIER.ruleIds().contains("mpp:bare-mozilla-ua"));
        assertTrue(CLASSIFIER.toString().contains("rules v1"), CLASSIFIER.toString());
    }

    private static String shippedRules() throws IOException {
        try (InputStream in = HitClassifier.class.getResourceAsStream(HitClassifier.RULES)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
