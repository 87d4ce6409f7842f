package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Json;
import dev.glint.token.KeyRing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlintCliTest {
    private static final Path CORPUS = Path.of(System.getProperty("glint.shared.dir"), "corpus", "html-emails");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int glint(String... args) {
        return GlintCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"up", "--help"}, {"token", "--help"},
                {"token", "seal", "--help"}, {"token", "open", "--help"}, {"rewrite", "--help"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, glint(args), String.join(" ", args));
            assertTrue(out.toString().contains("Usage: glint"), out.toString());
        }
    }

    @Test
    void sealedTokenOpensWithTheSameKeysAndAUrlWorksToo() throws Exception {
        // GIVEN a key file
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, KeyRing.generate().toJson());

        // WHEN a click token is sealed, then opened as part of a tracking URL
        assertEquals(0, glint("token", "seal", "--keys", keys.toString(), "--kind", "click", "--account", "acct_1",
                "--email", "em_1", "--recipient", "3", "--link", "2", "--destination", "https://example.com/x"));
        String token = out.toString().trim();
        out.getBuffer().setLength(0);
        int code = glint("token", "open", "--keys", keys.toString(), "http://127.0.0.1:8787/c/" + token);

        // THEN the claims come back
        assertEquals(0, code, err.toString());
        JsonNode claims = Json.MAPPER.readTree(out.toString());
        assertEquals("valid", claims.get("status").asText());
        assertEquals("https://example.com/x", claims.get("destination").asText());
        assertEquals(3, claims.get("recipient").asInt());
    }

    @Test
    void anInvalidTokenExitsNonZeroWithAReason() throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, KeyRing.generate().toJson());
        assertEquals(1, glint("token", "open", "--keys", keys.toString(), "not-a-token"));
        assertEquals("invalid", Json.MAPPER.readTree(out.toString()).get("status").asText());
    }

    @Test
    void badArgumentsGiveAMessageAndAUsageExitCode() {
        assertEquals(2, glint("token", "seal", "--kind", "teleport", "--account", "a", "--email", "e"));
        assertTrue(err.toString().contains("--kind must be open or click"), err.toString());
        assertEquals(2, glint("frobnicate"));
        assertEquals(1, glint("token", "open", "--keys", dir.resolve("absent.json").toString(), "x"));
        assertTrue(err.toString().contains("no key file"), err.toString());
    }

    @Test
    void rewriteJsonListsEveryLinkAndItsDecodedDestination() throws Exception {
        // GIVEN a real corpus mail
        Path mail = CORPUS.resolve("leemunroe-responsive-html-email-template/email.html");

        // WHEN rewritten with --json
        assertEquals(0, glint("rewrite", "--json", "--keys", keyFile().toString(), mail.toString()), err.toString());

        // THEN one pixel, and each rewritten link decodes back to its destination
        JsonNode report = Json.MAPPER.readTree(out.toString());
        assertEquals(1, report.get("pixels").asInt());
        int rewritten = 0;
        for (JsonNode link : report.get("links")) {
            if (link.get("rewritten").asBoolean()) {
                rewritten++;
                assertEquals(link.get("href").asText().trim().replace("&amp;", "&"), link.get("decodesTo").asText());
            } else {
                assertTrue(link.hasNonNull("reason"), link.toString());
            }
        }
        assertEquals(report.get("rewritten").asInt(), rewritten);
        assertTrue(rewritten > 0);
    }

    @Test
    void rewritePrintsTheTrackedCopy() throws Exception {
        Path mail = dir.resolve("mail.html");
        Files.writeString(mail, "<html><body><a href=\"https://example.com/\">x</a></body></html>");
        assertEquals(0, glint("rewrite", "--base-url", "https://t.example", mail.toString()));
        assertTrue(out.toString().contains("href=\"https://t.example/c/"), out.toString());
        assertTrue(out.toString().contains("<img src=\"https://t.example/o/"), out.toString());
    }

    @Test
    void rewriteOfAMissingFileSaysSo() {
        assertEquals(1, glint("rewrite", dir.resolve("nope.html").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
    }

    private Path keyFile() throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, KeyRing.generate().toJson());
        return keys;
    }
}
