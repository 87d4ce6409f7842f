package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClassifyCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GMAIL = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int classify(InputStream stdin) {
        return new CommandLine(new ClassifyCommand(stdin))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute();
    }

    private int classify(String stdin) {
        return classify(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    private List<JsonNode> outputLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void printsOneVerdictLinePerHitInOrder() throws IOException {
        // GIVEN a Gmail proxy open, an MPP prefetch, a HEAD probe and a reader's click
        String stdin = """
                {"id": "h1", "kind": "open", "method": "GET", "ip": "192.0.2.10", "user_agent": "%s", "headers": {}, "seconds_since_send": 2}
                {"id": "h2", "kind": "open", "method": "GET", "ip": "2001:db8::17", "user_agent": "Mozilla/5.0", "headers": {}, "seconds_since_send": 30}
                {"id": "h3", "kind": "click", "method": "HEAD", "ip": "198.51.100.1", "user_agent": "curl/8.4.0", "headers": {}, "seconds_since_send": 9}
                {"id": "h4", "kind": "click", "method": "GET", "ip": "198.51.100.2", "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "headers": {"accept-language": "en"}, "seconds_since_send": 5}
                """.formatted(GMAIL);

        // WHEN glint classify reads them
        int code = classify(stdin);

        // THEN each gets its verdict, reasons and client, in input order, and the exit code is 0
        assertEquals(0, code, err.toString());
        List<JsonNode> lines = outputLines();
        assertEquals(List.of("h1", "h2", "h3", "h4"), lines.stream().map(l -> l.get("id").asText()).toList());
        assertEquals(List.of("proxy_open", "privacy_prefetch", "scanner", "human"),
                lines.stream().map(l -> l.get("verdict").asText()).toList());
        assertEquals(List.of("Gmail", "Apple Mail", "unknown", "unknown"),
                lines.stream().map(l -> l.get("client").asText()).toList());
        assertEquals("ua:GoogleImageProxy (Gmail image proxy fetches images when the reader opens the mail)",
                lines.get(0).get("reasons").get(0).asText());
        assertTrue(lines.get(2).get("reasons").get(0).asText().startsWith("method:not-get ("));
        assertEquals("no machine trait", lines.get(3).get("reasons").get(0).asText());
        assertEquals("", err.toString());
    }

    @Test
    void badLinesBecomeNumberedErrorLinesAndTheRunGoesOn() throws IOException {
        // GIVEN good lines mixed with bad JSON, missing fields and wrong types
        String stdin = String.join("\n",
                "{\"id\": \"ok1\", \"kind\": \"open\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"Mozilla/5.0\"}",
                "{\"id\": \"broken\", \"kind\": ",
                "{\"kind\": \"open\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\"}",
                "{\"id\": \"nokind\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\"}",
                "{\"id\": \"noua\", \"kind\": \"click\", \"method\": \"GET\", \"ip\": \"192.0.2.1\"}",
                "{\"id\": 7, \"kind\": \"open\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\"}",
                "{\"id\": \"k\", \"kind\": \"view\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\"}",
                "{\"id\": \"s\", \"kind\": \"click\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\", \"seconds_since_send\": \"5\"}",
                "{\"id\": \"h\", \"kind\": \"click\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\", \"headers\": [\"accept\"]}",
                "{\"id\": \"hv\", \"kind\": \"click\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"x\", \"headers\": {\"accept\": 1}}",
                "not json at all",
                "{\"id\": \"ok2\", \"kind\": \"click\", \"method\": \"GET\", \"ip\": \"192.0.2.1\", \"user_agent\": \"python-requests/2.31.0\", \"seconds_since_send\": null}");

        // WHEN classified
        int code = classify(stdin);

        // THEN the good lines are answered and each bad one names its line and field, in order
        assertEquals(0, code, err.toString());
        List<JsonNode> lines = outputLines();
        assertEquals(12, lines.size(), out.toString());
        assertEquals("ok1", lines.get(0).get("id").asText());
        String[] expectedErrors = {
            "malformed JSON", "missing field \"id\"", "missing field \"kind\"", "missing field \"user_agent\"",
            "\"id\" must be a string", "\"kind\" must be \"open\" or \"click\"", "\"seconds_since_send\" must be a number",
            "\"headers\" must be an object of strings", "header \"accept\" must be a string", "malformed JSON"};
        for (int i = 0; i < expectedErrors.length; i++) {
            JsonNode line = lines.get(i + 1);
            assertEquals(i + 2, line.get("line").asInt(), line.toString());
            assertTrue(line.get("error").asText().startsWith(expectedErrors[i]), line.toString());
            assertEquals(2, line.size(), line.toString());
        }
        assertEquals("ok2", lines.get(11).get("id").asText());
        assertEquals("scanner", lines.get(11).get("verdict").asText());
    }

    @Test
    void classifiesTheWholeLabelledSetLikeTheWorker() throws IOException {
        // GIVEN the labelled fixture of the shared module, which doubles as classify input
        // (tests run in the module's folder; the shared module is its sibling)
        List<String> input = Files.readAllLines(Path.of("../shared/src/test/resources/classify/labelled-hits.jsonl"));

        // WHEN piped through glint classify
        assertEquals(0, classify(String.join("\n", input)));

        // THEN every line that is not a documented known miss gets its expected verdict
        List<JsonNode> lines = outputLines();
        assertEquals(input.size(), lines.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode expected = MAPPER.readTree(input.get(i));
            if (!expected.path("known_miss").asBoolean(false)) {
                assertEquals(expected.get("expected").asText(), lines.get(i).get("verdict").asText(), input.get(i));
            }
        }
    }

    @Test
    void exitsWithOneAndAMessageWhenStandardInputCannotBeRead() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        assertEquals(1, classify(broken));
        assertTrue(err.toString().startsWith("glint classify: cannot read standard input after line 0: Input/output error"),
                err.toString());
    }

    @Test
    void isACommandOfTheGlintCliWithHelp() {
        int code = GlintCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "classify", "--help");
        assertEquals(0, code);
        assertTrue(out.toString().contains("Usage: glint classify"), out.toString());
        assertTrue(out.toString().contains("seconds_since_send"), out.toString());
    }
}
