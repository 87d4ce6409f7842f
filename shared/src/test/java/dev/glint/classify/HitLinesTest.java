package dev.glint.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitLinesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HitLines lines = new HitLines(HitClassifier.load());

    @Test
    void classifiesTheLabelledFileLineByLineInOrderLikeTheClassifier() throws IOException {
        // GIVEN the labelled set as JSON Lines (its extra fields are ignored)
        List<LabelledHit> hits = LabelledHit.all();
        String input = String.join("\n", hits.stream().map(LabelledHit::line).toList()) + "\n";

        // WHEN run through the JSON Lines path
        StringWriter out = new StringWriter();
        HitLines.Result result = lines.classify(new BufferedReader(new StringReader(input)), out);

        // THEN each output line is the classifier's answer for the same line, in order
        String[] output = out.toString().split("\n");
        assertEquals(new HitLines.Result(hits.size(), hits.size(), 0), result);
        assertEquals(hits.size(), output.length);
        HitClassifier classifier = HitClassifier.load();
        for (int i = 0; i < hits.size(); i++) {
            JsonNode line = MAPPER.readTree(output[i]);
            Classification expected = classifier.classify(hits.get(i).traits());
            assertEquals(hits.get(i).id(), line.get("id").asText());
            assertEquals(expected.verdict().wire(), line.get("verdict").asText());
            assertEquals(expected.reasons(), MAPPER.convertValue(line.get("reasons"), List.class));
            assertEquals(expected.client(), line.get("client").asText());
            assertEquals(4, line.size(), output[i]);
        }
    }

    @Test
    void aBadLineBecomesAnErrorLineWithItsNumberAndTheRunGoesOn() throws IOException {
        String input = """
                {"id":"a","kind":"open","method":"GET","ip":"192.0.2.1","user_agent":"Mozilla/5.0"}
                {"id":"b",
                
                {"id":"c","kind":"open","method":"GET","ip":"192.0.2.1","user_agent":"curl/8.0","seconds_since_send":2.9}
                [1,2]
                {"id":"d","kind":"open","method":"GET","ip":"192.0.2.1","user_agent":"x"} {"id":"e"}
                """;
        StringWriter out = new StringWriter();
        HitLines.Result result = lines.classify(new BufferedReader(new StringReader(input)), out);

        String[] output = out.toString().split("\n");
        assertEquals(5, output.length, out.toString());
        assertEquals("a", MAPPER.readTree(output[0]).get("id").asText());
        assertEquals(2, MAPPER.readTree(output[1]).get("line").asInt());
        assertTrue(MAPPER.readTree(output[1]).get("error").asText().startsWith("malformed JSON"), output[1]);
        assertEquals("c", MAPPER.readTree(output[2]).get("id").asText());
        assertEquals("{\"line\":5,\"error\":\"not a JSON object\"}", output[3]);
        assertEquals("{\"line\":6,\"error\":\"more than one JSON value on the line\"}", output[4]);
        assertEquals(new HitLines.Result(6, 2, 3), result);
    }

    @Test
    void anUnreadableInputStopsTheRunAfterFlushingWhatWasDone() {
        Reader failing = new Reader() {
            private final StringReader first = new StringReader(
                    "{\"id\":\"a\",\"kind\":\"open\",\"method\":\"GET\",\"ip\":\"\",\"user_agent\":\"Mozilla/5.0\"}\n");
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = first.read(buf, off, len);
                if (n < 0) {
                    throw new IOException("disk on fire");
                }
                return n;
            }

            @Override
            public void close() {}
        };
        StringWriter out = new StringWriter();
        HitLines.UnreadableInputException e = assertThrows(HitLines.UnreadableInputException.class,
                () -> lines.classify(new BufferedReader(failing, 16), out));
        assertEquals("disk on fire", e.getMessage());
        assertTrue(out.toString().contains("\"privacy_prefetch\""), out.toString());
    }
}
