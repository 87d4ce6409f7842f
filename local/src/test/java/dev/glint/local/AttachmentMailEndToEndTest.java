package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Attachment;
import dev.glint.model.Ids;
import dev.glint.model.Json;
import dev.glint.store.DynamoAttachmentStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail with attachments on the emulators: an attachment stored in DynamoDB, sent through the API,
 * each SES copy with its own tracked /a/ links, and the email read back with its attachments.
 */
class AttachmentMailEndToEndTest {
    private static LocalRunner runner;
    private static HttpClient http;
    private static DynamoAttachmentStore attachments;

    @BeforeAll
    static void start() throws IOException {
        Path logs = Files.createTempDirectory("glint-att-mail-logs");
        runner = LocalRunner.start(new LocalRunner.Options(null, 0, Path.of(System.getProperty("glint.emulators.dir")), logs));
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        attachments = new DynamoAttachmentStore(runner.dynamo(), LocalResources.MAIN_TABLE);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void eachRecipientsCopyLinksToTheAttachmentWithItsOwnTokenAndTheEmailListsIt() throws Exception {
        // GIVEN a checked, ready attachment of the runner's account, stored as the upload API leaves it
        Attachment report = ready("Rapport trimestriel – été.pdf", Attachment.Mode.VIEW);

        // WHEN an email to two recipients is sent with it
        String subject = "With attachment " + System.nanoTime();
        HttpResponse<String> sent = post(email(subject, report.id()));

        // THEN each SES copy has one card, linking twice to the attachment under the runner's /a/, with a
        // token of its own, and a text line with the same link
        assertEquals(201, sent.statusCode(), sent.body());
        String emailId = Json.MAPPER.readTree(sent.body()).get("id").asText();
        Pattern attachmentUrl = Pattern.compile(Pattern.quote(runner.baseUri().resolve("/a/").toString()) + "[A-Za-z0-9_-]+");
        List<JsonNode> copies = sesCopies(subject);
        assertEquals(2, copies.size());
        Set<String> tokens = new HashSet<>();
        for (JsonNode copy : copies) {
            Document html = Jsoup.parse(copy.at("/body/html").asText());
            assertEquals(1, html.select("table.glint-att").size());
            List<String> hrefs = html.select("table.glint-att a").eachAttr("href");
            assertEquals(2, hrefs.size());
            assertEquals(hrefs.get(0), hrefs.get(1));
            assertTrue(attachmentUrl.matcher(hrefs.get(0)).matches(), hrefs.get(0));
            assertEquals("Rapport trimestriel – été.pdf", html.selectFirst("table.glint-att td:eq(1) > a").text());
            List<String> textUrls = attachmentUrl.matcher(copy.at("/body/text").asText()).results()
                    .map(MatchResult::group).toList();
            assertEquals(List.of(hrefs.get(0)), textUrls);
            tokens.add(hrefs.get(0));
        }
        assertEquals(2, tokens.size(), "every copy has its own attachment token");

        // AND the email's GET lists the attachment, read back from DynamoDB
        JsonNode email = Json.MAPPER.readTree(get("/api/v1/emails/" + emailId).body());
        assertEquals(1, email.get("attachments").size());
        assertEquals(0, email.at("/attachments/0/index").asInt());
        assertEquals(report.id(), email.at("/attachments/0/id").asText());
        assertEquals("Rapport trimestriel – été.pdf", email.at("/attachments/0/filename").asText());
    }

    @Test
    void aRevokedAttachmentRefusesTheSendAndNothingIsSent() throws Exception {
        // GIVEN a ready attachment and a revoked one
        Attachment ok = ready("ok.pdf", Attachment.Mode.DOWNLOAD);
        Attachment revoked = ready("gone.pdf", Attachment.Mode.DOWNLOAD);
        assertTrue(attachments.update(new Attachment(revoked.id(), revoked.accountId(), revoked.filename(), revoked.size(),
                revoked.contentType(), revoked.mode(), revoked.expiresAt(), Attachment.Status.REVOKED, revoked.sha256(),
                revoked.createdAt(), revoked.objectKey(), revoked.preview(), null), Attachment.Status.READY));

        // WHEN an email lists both
        String subject = "Revoked " + System.nanoTime();
        HttpResponse<String> answer = post(email(subject, ok.id(), revoked.id()));

        // THEN it is a 400 naming the revoked one, and no copy reached SES
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode problem = Json.MAPPER.readTree(answer.body());
        assertEquals("attachments[1]", problem.at("/errors/0/field").asText());
        assertEquals("is revoked", problem.at("/errors/0/detail").asText());
        assertEquals(1, problem.get("errors").size());
        assertEquals(List.of(), sesCopies(subject));
    }

    private static Attachment ready(String filename, Attachment.Mode mode) {
        String id = Ids.attachment();
        Attachment a = new Attachment(id, runner.accountId(), filename, 2_400_000, "application/pdf", mode, null,
                Attachment.Status.READY, "0f".repeat(32), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Attachment.objectKey(runner.accountId(), id), new Attachment.Preview("pdf", null, 3, null), null);
        attachments.create(a);
        return a;
    }

    private static String email(String subject, String... attachmentIds) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com").add("carol@example.org");
        body.put("subject", subject);
        body.put("html", "<html><body><p>The report is attached.</p></body></html>");
        body.put("text", "The report is attached.");
        var ids = body.putArray("attachments");
        for (String id : attachmentIds) {
            ids.add(id);
        }
        return body.toString();
    }

    private static List<JsonNode> sesCopies(String subject) throws Exception {
        HttpResponse<String> store = http.send(HttpRequest.newBuilder(runner.sesUri().resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> copies = new ArrayList<>();
        for (JsonNode email : Json.MAPPER.readTree(store.body()).get("emails")) {
            if (email.get("subject").asText().equals(subject)) {
                copies.add(email);
            }
        }
        return copies;
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(runner.baseUri().resolve("/api/v1/emails"))
                .header("Authorization", "Bearer " + runner.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .header("Authorization", "Bearer " + runner.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }
}
