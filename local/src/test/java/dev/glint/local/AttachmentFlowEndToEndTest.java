package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's scenario on one local runner, over HTTP only, as a sender and two recipients would
 * live it: upload through the API and S3, send, recipient A reads a view-only PDF page by page,
 * recipient B downloads a file, the owner reads stats and audit, revokes, and a link expires.
 */
class AttachmentFlowEndToEndTest {
    /** A current desktop Chrome: with an Accept-Language, no rule sees a machine in it. */
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String LANGUAGE = "en-GB,en;q=0.9";
    /**
     * The classifier calls a click less than 2 s after the send a scanner's (rules-v1.json,
     * impossibleClickSeconds); a reader opens the mail after that, and so do our recipients.
     */
    private static final Duration READER_DELAY = Duration.ofSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern SESSION = Pattern.compile("data-session=\"([^\"]+)\"");
    private static final Pattern BEACONS = Pattern.compile("data-beacons=\"([^\"]+)\"");
    private static final Pattern FILE = Pattern.compile("data-file=\"([^\"]+)\"");

    private static LocalRunner runner;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.start(new LocalRunner.Options(null, 0, Path.of(System.getProperty("glint.emulators.dir")),
                Files.createTempDirectory("glint-att-flow-logs")));
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void recipientAReadsPagesRecipientBDownloadsTheOwnerSeesItAllAndRevocationShutsBothOut() throws Exception {
        // GIVEN a 3-page PDF uploaded view-only and a spreadsheet uploaded download-only, both checked
        byte[] pdf = SamplePdf.pages(3);
        byte[] csv = "quarter,revenue\nQ1,120\nQ2,135\nQ3,160\n".getBytes(StandardCharsets.UTF_8);
        JsonNode deck = upload("Q3 board deck.pdf", pdf, "view", null);
        JsonNode sheet = upload("revenue.csv", csv, "download", null);
        assertEquals("application/pdf", deck.get("contentType").asText());
        assertEquals(3, deck.at("/preview/pages").asInt());
        String deckId = deck.get("id").asText();
        String sheetId = sheet.get("id").asText();

        // WHEN one email with both goes to A and B
        String subject = "Board pack " + System.nanoTime();
        HttpResponse<String> sent = api("POST", "/api/v1/emails", email(subject, List.of("ann@example.com",
                "bea@example.org"), deckId, sheetId));
        assertEquals(201, sent.statusCode(), sent.body());
        Instant sentBy = Instant.now();
        String emailId = Json.MAPPER.readTree(sent.body()).get("id").asText();

        // THEN each recipient's SES copy has a card per file, with a link of its own
        Map<String, URI> annLinks = links(sesCopy(subject, "ann@example.com"));
        Map<String, URI> beaLinks = links(sesCopy(subject, "bea@example.org"));
        assertEquals(List.of("Q3 board deck.pdf", "revenue.csv"), List.copyOf(annLinks.keySet()));
        assertEquals(List.of("Q3 board deck.pdf", "revenue.csv"), List.copyOf(beaLinks.keySet()));
        assertFalse(annLinks.get("Q3 board deck.pdf").equals(beaLinks.get("Q3 board deck.pdf")));
        URI annView = annLinks.get("Q3 board deck.pdf");
        URI beaDownload = beaLinks.get("revenue.csv");

        // WHEN A opens the deck in a desktop browser once the mail has reached her
        awaitTrue(() -> Instant.now().isAfter(sentBy.plus(READER_DELAY)), "the mail reaches its readers");
        HttpResponse<String> page = browser("GET", annView, null);

        // THEN she gets the viewer page, which fetches the document through its session as the viewer does
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(header(page, "content-security-policy").contains("default-src 'none'"));
        assertFalse(page.body().contains("X-Amz-"), "no object URL in the page");
        String session = first(SESSION, page.body());
        URI file = annView.resolve(first(FILE, page.body()) + "?s=" + session);
        HttpResponse<String> toDocument = browser("GET", file, null);
        assertEquals(302, toDocument.statusCode(), toDocument.body());
        URI deckObject = URI.create(header(toDocument, "location"));
        assertArrayEquals(pdf, fetchBytes(deckObject).body());

        // WHEN her viewer reports pages 1 to 3 in two flushes, page 2 across both
        URI beacons = annView.resolve(first(BEACONS, page.body()));
        HttpResponse<String> flush1 = browser("POST", beacons, """
                {"session":"%s","beacons":[{"kind":"page","page":1,"dwellMs":4200,"scroll":100},
                {"kind":"page","page":2,"dwellMs":3000,"scroll":60}]}""".formatted(session));
        HttpResponse<String> flush2 = browser("POST", beacons, """
                {"session":"%s","beacons":[{"kind":"page","page":2,"dwellMs":4300,"scroll":100},
                {"kind":"page","page":3,"dwellMs":2500,"scroll":100}]}""".formatted(session));
        assertEquals(204, flush1.statusCode(), flush1.body());
        assertEquals(204, flush2.statusCode(), flush2.body());

        // AND B follows her download link
        HttpResponse<String> download = browser("GET", beaDownload, null);

        // THEN B is sent to a presigned GET that lives 60 to 300 s and serves the file
        assertEquals(302, download.statusCode(), download.body());
        URI sheetObject = URI.create(header(download, "location"));
        int expires = Integer.parseInt(query(sheetObject).get("X-Amz-Expires"));
        assertTrue(expires >= 60 && expires <= 300, "presigned for " + expires + " s");
        HttpResponse<byte[]> fetched = fetchBytes(sheetObject);
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(csv, fetched.body());

        // AND the deck's stats show A as a person who reached page 3, with her dwell per page
        JsonNode deckStats = await("/api/v1/attachments/" + deckId + "/stats",
                s -> recipient(s, emailId, 0).path("pagesReached").asInt() == 3
                        && recipient(s, emailId, 0).path("dwellMs").asLong() == 14_000);
        JsonNode ann = recipient(deckStats, emailId, 0);
        assertEquals(1, ann.get("views").asInt(), ann.toString());
        assertEquals(1, ann.at("/accessesByVerdict/human").asInt(), ann.toString());
        assertEquals(Map.of("1", 4200L, "2", 7300L, "3", 2500L), longs(ann.get("pageDwellMs")));
        assertEquals(100, ann.get("maxScroll").asInt());
        assertEquals(1, deckStats.at("/totals/views").asInt());
        assertEquals(14_000, deckStats.at("/totals/dwellMs").asLong());
        assertEquals(1, deckStats.at("/totals/recipientsWhoAccessed").asInt());
        // AND the sheet's stats show one download, by B
        JsonNode sheetStats = await("/api/v1/attachments/" + sheetId + "/stats",
                s -> s.at("/totals/downloads").asInt() == 1);
        JsonNode bea = recipient(sheetStats, emailId, 1);
        assertEquals(1, bea.get("downloads").asInt(), sheetStats.toString());
        assertEquals(1, sheetStats.get("recipients").size(), sheetStats.toString());
        // AND the audit logs hold A's view and four beacons, and B's download, each judged human
        List<JsonNode> deckAudit = audit(deckId, 5);
        assertEquals(List.of("view", "page", "page", "page", "page"), actions(deckAudit, emailId, 0));
        deckAudit.forEach(e -> assertEquals("human", e.get("verdict").asText(), e.toString()));
        deckAudit.forEach(e -> assertEquals(CHROME, e.get("userAgent").asText()));
        List<JsonNode> sheetAudit = audit(sheetId, 1);
        assertEquals(List.of("download"), actions(sheetAudit, emailId, 1));
        assertEquals("human", sheetAudit.get(0).get("verdict").asText());

        // WHEN the owner revokes both
        assertEquals(204, api("DELETE", "/api/v1/attachments/" + deckId, null).statusCode());
        assertEquals(204, api("DELETE", "/api/v1/attachments/" + sheetId, null).statusCode());

        // THEN both links, the viewer's document route and its beacons answer 410 at once
        HttpResponse<String> annAgain = browser("GET", annView, null);
        assertEquals(410, annAgain.statusCode());
        assertTrue(annAgain.body().contains("no longer available"));
        assertEquals(410, browser("GET", file, null).statusCode());
        assertEquals(410, browser("POST", beacons, """
                {"session":"%s","beacons":[{"kind":"page","page":3,"dwellMs":1000,"scroll":100}]}""".formatted(session))
                .statusCode());
        HttpResponse<String> beaAgain = browser("GET", beaDownload, null);
        assertEquals(410, beaAgain.statusCode());
        assertTrue(beaAgain.headers().firstValue("location").isEmpty());
        // AND the URLs presigned before the revocation lead nowhere: the objects are gone
        assertEquals(404, fetchBytes(deckObject).statusCode());
        assertEquals(404, fetchBytes(sheetObject).statusCode());
        // AND the refusals are in the audit, with their reason, and no dwell was added after the revocation
        List<JsonNode> deckRefusals = auditLines(deckId, 8, "refused");
        assertEquals(3, deckRefusals.size(), deckRefusals.toString());
        deckRefusals.forEach(e -> assertEquals("revoked", e.at("/detail/reason").asText(), e.toString()));
        List<JsonNode> sheetRefusals = auditLines(sheetId, 2, "refused");
        assertEquals(1, sheetRefusals.size(), sheetRefusals.toString());
        assertEquals(1, recipient(sheetRefusals, emailId, 1));
        assertEquals("revoked", sheetRefusals.get(0).at("/detail/reason").asText());
        JsonNode afterRevoke = json(api("GET", "/api/v1/attachments/" + deckId + "/stats", null));
        assertEquals(14_000, afterRevoke.at("/totals/dwellMs").asLong());
        assertEquals(3, afterRevoke.at("/totals/refused").asInt());
    }

    @Test
    void aLinkAnswers410OnceItsAttachmentHasExpired() throws Exception {
        // GIVEN a file that expires a few seconds from now, sent to A
        Instant expiresAt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        String id = upload("offer.pdf", SamplePdf.pages(1), "download", expiresAt).get("id").asText();
        String subject = "Offer " + System.nanoTime();
        HttpResponse<String> sent = api("POST", "/api/v1/emails", email(subject, List.of("ann@example.com"), id));
        assertEquals(201, sent.statusCode(), sent.body());
        String emailId = Json.MAPPER.readTree(sent.body()).get("id").asText();
        URI link = links(sesCopy(subject, "ann@example.com")).get("offer.pdf");

        // WHEN A follows the link after the expiry
        awaitTrue(() -> Instant.now().isAfter(expiresAt), "the attachment's expiry passes");
        HttpResponse<String> late = browser("GET", link, null);

        // THEN it is gone, with no redirect, and the audit says why
        assertEquals(410, late.statusCode(), late.body());
        assertTrue(late.headers().firstValue("location").isEmpty());
        assertTrue(late.body().contains("no longer available"));
        List<JsonNode> refusals = auditLines(id, 1, "refused");
        assertEquals("expired", refusals.get(0).at("/detail/reason").asText(), refusals.toString());
        assertEquals(0, recipient(refusals, emailId, 0));
        assertEquals(0, json(api("GET", "/api/v1/attachments/" + id + "/stats", null)).at("/totals/downloads").asInt());
    }

    /** Announces, PUTs to the presigned URL with the headers it came with, completes; the attachment is ready. */
    private static JsonNode upload(String filename, byte[] bytes, String mode, Instant expiresAt) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("filename", filename).put("size", bytes.length)
                .put("mode", mode);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        HttpResponse<String> created = api("POST", "/api/v1/attachments", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode answer = json(created);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(answer.at("/upload/url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Iterator<Map.Entry<String, JsonNode>> h = answer.at("/upload/headers").fields(); h.hasNext(); ) {
            Map.Entry<String, JsonNode> header = h.next();
            if (!header.getKey().equalsIgnoreCase("content-length")) { // HttpClient sends the body's own length
                put.header(header.getKey(), header.getValue().asText());
            }
        }
        assertEquals(200, http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        String id = answer.at("/attachment/id").asText();
        HttpResponse<String> completed = api("POST", "/api/v1/attachments/" + id + "/complete", null);
        assertEquals(200, completed.statusCode(), completed.body());
        JsonNode attachment = json(completed).get("attachment");
        assertEquals("ready", attachment.get("status").asText(), attachment.toString());
        return attachment;
    }

    private static String email(String subject, List<String> to, String... attachmentIds) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        to.forEach(body.putArray("to")::add);
        body.put("subject", subject);
        body.put("html", "<html><body><p>The files for Thursday.</p></body></html>");
        body.put("text", "The files for Thursday.");
        var ids = body.putArray("attachments");
        for (String id : attachmentIds) {
            ids.add(id);
        }
        return body.toString();
    }

    /** The HTML of the SES copy addressed to {@code address}. */
    private static String sesCopy(String subject, String address) throws Exception {
        HttpResponse<String> store = http.send(HttpRequest.newBuilder(runner.sesUri().resolve("/store")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> copies = new ArrayList<>();
        for (JsonNode email : json(store).get("emails")) {
            if (email.get("subject").asText().equals(subject) && email.at("/destination/to/0").asText().contains(address)) {
                copies.add(email.at("/body/html").asText());
            }
        }
        assertEquals(1, copies.size(), "copies to " + address);
        return copies.get(0);
    }

    /** Each card's filename and its /a/ link, in the copy's order. */
    private static Map<String, URI> links(String html) {
        Map<String, URI> links = new LinkedHashMap<>();
        for (Element card : Jsoup.parse(html).select("table.glint-att")) {
            Element name = card.selectFirst("td:eq(1) > a");
            URI href = URI.create(name.attr("href"));
            assertTrue(href.toString().startsWith(runner.baseUri().resolve("/a/").toString()), href.toString());
            links.put(name.text(), href);
        }
        return links;
    }

    /** A request as a desktop browser sends it; a POST body goes as sendBeacon sends a string. */
    private static HttpResponse<String> browser(String method, URI uri, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("User-Agent", CHROME)
                .header("Accept-Language", LANGUAGE);
        if (body == null) {
            request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "text/plain;charset=UTF-8").header("Origin", runner.baseUri().toString()
                    .replaceAll("/$", "")).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> fetchBytes(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("User-Agent", CHROME).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> api(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .header("Authorization", "Bearer " + runner.apiKey());
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads {@code path} until {@code done} holds, or fails at the deadline with the last answer. */
    private static JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        JsonNode last;
        do {
            last = json(api("GET", path, null));
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval, not a wait for time
        } while (Instant.now().isBefore(end));
        throw new AssertionError(path + " did not reach the expected state in " + DEADLINE + ": " + last);
    }

    /** The attachment's audit once it holds {@code count} lines, oldest first. */
    private static List<JsonNode> audit(String attachmentId, int count) throws Exception {
        JsonNode events = await("/api/v1/attachments/" + attachmentId + "/events?limit=100",
                e -> e.get("items").size() >= count);
        List<JsonNode> lines = new ArrayList<>();
        events.get("items").forEach(lines::add);
        lines.sort((a, b) -> Instant.parse(a.get("at").asText()).compareTo(Instant.parse(b.get("at").asText())));
        assertEquals(count, lines.size(), lines.toString());
        return lines;
    }

    /** The audit's lines of {@code action} once the audit holds {@code total} lines. */
    private static List<JsonNode> auditLines(String attachmentId, int total, String action) throws Exception {
        return audit(attachmentId, total).stream().filter(e -> e.get("action").asText().equals(action)).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval, not a wait for time
        }
    }

    private static JsonNode recipient(JsonNode stats, String emailId, int index) {
        for (JsonNode r : stats.get("recipients")) {
            if (r.get("emailId").asText().equals(emailId) && r.get("recipient").asInt() == index) {
                return r;
            }
        }
        return Json.MAPPER.createObjectNode();
    }

    /** The one recipient every line is about, checked to be {@code emailId}'s. */
    private static int recipient(List<JsonNode> lines, String emailId, int expected) {
        lines.forEach(e -> assertEquals(emailId, e.get("emailId").asText()));
        lines.forEach(e -> assertEquals(expected, e.get("recipient").asInt(), e.toString()));
        return expected;
    }

    private static List<String> actions(List<JsonNode> lines, String emailId, int recipient) {
        recipient(lines, emailId, recipient);
        return lines.stream().map(e -> e.get("action").asText()).toList();
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> out = new HashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), "no " + pattern + " in " + text);
        return m.group(1);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
