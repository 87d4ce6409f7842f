package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import dev.glint.model.TrackingEvent;
import dev.glint.store.DynamoEventStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole slice on the emulators: API → SES → pixel/click over HTTP → SQS → worker → DynamoDB → stats. */
class LocalStackEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern PIXEL = Pattern.compile("src=\"(http://127\\.0\\.0\\.1:\\d+/o/[A-Za-z0-9_-]+\\.gif)\"");
    private static final Pattern CLICK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/c/[A-Za-z0-9_-]+)");
    private static final Pattern HONEYPOT =
            Pattern.compile("<a href=\"(http://127\\.0\\.0\\.1:\\d+/c/[A-Za-z0-9_-]+)\" style=\"display:none");

    private static LocalRunner runner;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        Path logs = Files.createTempDirectory("glint-e2e-logs");
        runner = LocalRunner.start(new LocalRunner.Options(null, 0,
                Path.of(System.getProperty("glint.emulators.dir")), logs).withSmtp(0));
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void threeRecipientsGetTheirOwnTrackedCopyAndEveryHitCountsExactlyOnce() throws Exception {
        // GIVEN an email to three recipients with two links
        String subject = "Quarterly report " + System.nanoTime();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("from", "Alice <alice@example.com>");
        body.putArray("to").add("bob@example.com").add("carol@example.org");
        body.putArray("cc").add("dave@example.net");
        body.put("subject", subject);
        body.put("html", "<html><body><p>Hello!</p><a href=\"https://example.com/report?q=1&amp;r=2\">Report</a>"
                + " <a href=\"mailto:alice@example.com\">Mail me</a> <a href=\"https://example.org/docs\">Docs</a>"
                + "</body></html>");
        body.put("text", "Hello! Report: https://example.com/report?q=1&r=2");

        // WHEN it is sent through the API
        HttpResponse<String> sent = post("/api/v1/emails", body.toString(), runner.apiKey());

        // THEN three copies land in the SES store, each with its own pixel and click URLs
        assertEquals(201, sent.statusCode(), sent.body());
        String emailId = Json.MAPPER.readTree(sent.body()).get("id").asText();
        List<JsonNode> copies = sesCopies(subject);
        assertEquals(3, copies.size());
        Set<String> pixels = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        for (JsonNode copy : copies) {
            String html = copy.at("/body/html").asText();
            recipients.add(copy.at("/destination/to/0").asText());
            assertEquals(1, count(PIXEL, html), "one pixel per copy");
            pixels.add(first(PIXEL, html));
            assertEquals(1, count(HONEYPOT, html), "one hidden honeypot link per copy");
            assertEquals(3, count(CLICK, html), "both web links rewritten, plus the honeypot link");
            assertFalse(html.contains("https://example.com/report"), "no untracked original link left");
            assertTrue(html.contains("mailto:alice@example.com"), "mailto left alone");
            assertEquals(1, count(CLICK, copy.at("/body/text").asText()), "text part link rewritten");
        }
        assertEquals(Set.of("bob@example.com", "carol@example.org", "dave@example.net"), recipients);
        assertEquals(3, pixels.size(), "every copy has its own pixel");

        // WHEN bob's copy is opened and its first link followed
        String bobHtml = copies.stream().filter(c -> c.at("/destination/to/0").asText().equals("bob@example.com"))
                .findFirst().orElseThrow().at("/body/html").asText();
        HttpResponse<byte[]> pixel = http.send(HttpRequest.newBuilder(URI.create(first(PIXEL, bobHtml)))
                .header("User-Agent", "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(first(CLICK, bobHtml))).build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN the pixel is a GIF, the click redirects to the original, and stats show both once
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("content-type").orElse(""));
        assertEquals(302, click.statusCode());
        assertEquals("https://example.com/report?q=1&r=2", click.headers().firstValue("location").orElse(""));
        JsonNode stats = awaitStats(emailId, s -> s.get("opens").asInt() == 1 && s.get("clicks").asInt() == 1);
        assertEquals(3, stats.get("sent").asInt());
        assertEquals(1, stats.get("uniqueOpens").asInt());
        assertEquals(1, stats.at("/links/0/clicks").asInt());
        assertEquals("https://example.com/report?q=1&r=2", stats.at("/links/0/url").asText());

        // WHEN the same queue message is delivered again (SQS is at-least-once)
        DynamoEventStore events = new DynamoEventStore(runner.dynamo(), LocalResources.EVENTS_TABLE, Clock.systemUTC());
        int bob = stats.at("/perRecipient/0/address").asText().equals("bob@example.com") ? 0 : -1;
        assertEquals(0, bob, "bob is recipient 0");
        List<TrackingEvent> before = events.recipientEvents(emailId, 0);
        assertEquals(2, before.size());
        long handled = runner.workerInvocations();
        for (TrackingEvent e : before) {
            RawHit replay = new RawHit(e.hitId(), e.type(), e.method(), e.at().toEpochMilli(), e.accountId(),
                    e.emailId(), e.recipient(), e.link(), e.destination(), e.ip(), e.userAgent(), e.headers(),
                    e.trackingEndsAt().getEpochSecond());
            runner.sqs().sendMessage(b -> b.queueUrl(runner.hitsQueue().url()).messageBody(Json.write(replay)));
        }
        awaitTrue(() -> runner.workerInvocations() >= handled + 2, "the worker handles the replays");

        // THEN there is still one open and one click
        assertEquals(2, events.recipientEvents(emailId, 0).size());
        JsonNode after = getJson("/api/v1/emails/" + emailId + "/stats", runner.apiKey());
        assertEquals(1, after.get("opens").asInt());
        assertEquals(1, after.get("clicks").asInt());
    }

    @Test
    void aRetriedSendWithAnIdempotencyKeyIsSentOnce() throws Exception {
        // GIVEN an email and an Idempotency-Key
        String subject = "Order confirmation " + System.nanoTime();
        String json = """
                {"from":"alice@example.com","to":["grace@example.com"],"subject":"%s","text":"Thanks!"}""".formatted(subject);
        String key = "order-" + System.nanoTime();

        // WHEN the client posts it twice with the key, as after a timeout
        HttpResponse<String> first = post("/api/v1/emails", json, runner.apiKey(), key);
        HttpResponse<String> retry = post("/api/v1/emails", json, runner.apiKey(), key);

        // THEN one copy was sent, and the retry answered 200 with the same email
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals("true", retry.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(Json.MAPPER.readTree(first.body()), Json.MAPPER.readTree(retry.body()));
        assertEquals(1, sesCopies(subject).size());
    }

    @Test
    void everyHitLandsInTheBucketOfItsVerdict() throws Exception {
        // GIVEN one sent mail
        String subject = "Verdicts " + System.nanoTime();
        String emailId = sendSimple(subject, "grace@example.com");
        String html = sesCopies(subject).get(0).at("/body/html").asText();
        String pixel = first(PIXEL, html);

        // WHEN Gmail's image proxy, Apple Mail Privacy Protection and a person load the pixel,
        // and a command-line client follows the link
        fetch(pixel, "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", null);
        fetch(pixel, "Mozilla/5.0", null);
        fetch(pixel, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36", "en-GB,en;q=0.9");
        fetch(first(CLICK, html), "curl/8.5.0", null);

        // THEN stats split them: one confirmed human open, two likely opens, a prefetch that is no open,
        // and a scanner click that is no human click; each event says why
        JsonNode stats = awaitStats(emailId, s -> s.get("opens").asInt() == 3 && s.get("clicks").asInt() == 1);
        assertEquals(1, stats.get("confirmedHumanOpens").asInt());
        assertEquals(2, stats.get("likelyOpens").asInt());
        assertEquals(1, stats.at("/opensByVerdict/proxy_open").asInt());
        assertEquals(1, stats.at("/opensByVerdict/privacy_prefetch").asInt());
        assertEquals(1, stats.at("/opensByVerdict/human").asInt());
        assertEquals(1, stats.at("/clicksByVerdict/scanner").asInt());
        assertEquals(0, stats.get("humanClicks").asInt());
        assertEquals(1, stats.at("/clients/Gmail").asInt());
        assertEquals(1, stats.at("/devices").size(), stats.toString());
        JsonNode events = getJson("/api/v1/emails/" + emailId + "/events?type=click", runner.apiKey());
        assertEquals("scanner", events.at("/items/0/verdict").asText());
        assertTrue(events.at("/items/0/reasons/0").asText().startsWith("ua:curl"), events.toString());
    }

    @Test
    void followingTheHiddenHoneypotLinkRelabelsTheEarlierClickAsScanner() throws Exception {
        // GIVEN one sent mail whose link a current desktop browser with a language followed
        String subject = "Honeypot " + System.nanoTime();
        String emailId = sendSimple(subject, "heidi@example.com");
        String html = sesCopies(subject).get(0).at("/body/html").asText();
        fetch(first(CLICK, html), "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36", "en-GB,en;q=0.9");
        awaitStats(emailId, s -> s.get("clicks").asInt() == 1);

        // WHEN the hidden honeypot link of the same copy is followed
        HttpResponse<String> trap = http.send(HttpRequest.newBuilder(URI.create(first(HONEYPOT, html))).build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN it gets a page, no redirect; stats count the honeypot apart and the click as a scanner's
        assertEquals(200, trap.statusCode());
        assertTrue(trap.headers().firstValue("location").isEmpty());
        JsonNode stats = awaitStats(emailId, s -> s.get("honeypots").asInt() == 1);
        assertEquals(1, stats.get("clicks").asInt());
        assertEquals(1, stats.at("/clicksByVerdict/scanner").asInt());
        assertEquals(0, stats.get("humanClicks").asInt());
        assertEquals(0, stats.get("opens").asInt());
        // AND the click's event gives the honeypot as the reason and keeps its earlier verdict
        JsonNode click = getJson("/api/v1/emails/" + emailId + "/events?type=click", runner.apiKey()).at("/items/0");
        assertEquals("scanner", click.get("verdict").asText());
        assertTrue(click.at("/reasons/0").asText().startsWith("honeypot:burst"), click.toString());
        assertEquals(1, click.get("verdictHistory").size(), click.toString());
        assertTrue(click.at("/verdictHistory/0/verdict").isTextual());
        JsonNode honeypot = getJson("/api/v1/emails/" + emailId + "/events?type=honeypot", runner.apiKey()).at("/items/0");
        assertEquals("scanner", honeypot.get("verdict").asText());
        assertTrue(honeypot.at("/reasons/0").asText().startsWith("honeypot:hidden-link"), honeypot.toString());
    }

    @Test
    void readBeaconsFromTheCopyShowAReadAndTheForwardBeaconALikelyForward() throws Exception {
        // GIVEN one sent mail, opened by a person in a desktop browser
        String subject = "Reading " + System.nanoTime();
        String emailId = sendSimple(subject, "ivan@example.com");
        String html = sesCopies(subject).get(0).at("/body/html").asText();
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36";
        fetch(first(PIXEL, html), chrome, "en-GB,en;q=0.9");

        // WHEN the browser loads the 2 s and 8 s read beacons of the copy's style block
        fetch(first(beacon("@keyframes glint-r2"), html), chrome, "en-GB,en;q=0.9");
        fetch(first(beacon("@keyframes glint-r8"), html), chrome, "en-GB,en;q=0.9");

        // THEN the recipient read the mail for at least 8 s, and the beacons are not opens
        JsonNode stats = awaitStats(emailId, s -> s.at("/perRecipient/0/reading").asText().equals("read"));
        assertEquals(8, stats.at("/perRecipient/0/readSeconds").asInt());
        assertEquals(1, stats.get("opens").asInt());
        assertEquals(1, stats.at("/reading/read").asInt());
        assertEquals("none", stats.at("/perRecipient/0/forwarded").asText());

        // WHEN the beacon that loads only inside a quoted reply or forward is loaded
        fetch(first(beacon(".yahoo_quoted .glint-f{"), html), chrome, "en-GB,en;q=0.9");

        // THEN the recipient's copy was likely forwarded, with the evidence in words
        JsonNode forwarded = awaitStats(emailId, s -> s.at("/perRecipient/0/forwarded").asText().equals("likely"));
        assertEquals(1, forwarded.get("forwardedLikely").asInt());
        assertTrue(forwarded.at("/perRecipient/0/forwardEvidence/0").asText().contains("quoted inside a reply or forward"),
                forwarded.toString());
        assertEquals(1, forwarded.get("opens").asInt());
    }

    /** The beacon URL that follows {@code marker} in the copy's style block. */
    @Test
    void mailToATrackingAddressOverSmtpIsRelayedTrackedAndItsOpenCounts() throws Exception {
        // GIVEN alice registered as a relay sender
        HttpResponse<String> registered = post("/api/v1/senders", "{\"address\":\"alice@sender.example\"}", runner.apiKey());
        assertTrue(registered.statusCode() == 201 || registered.statusCode() == 200, registered.body());

        // WHEN her mail client sends to bob's tracking address over the local SMTP listener
        String subject = "Relayed " + System.nanoTime();
        String tracking = "bob@example.com." + runner.trackingDomain();
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(smtpProperties());
        jakarta.mail.internet.MimeMessage mail = new jakarta.mail.internet.MimeMessage(session);
        mail.setFrom("Alice <alice@sender.example>");
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "Bob <" + tracking + ">");
        mail.setSubject(subject, "UTF-8");
        jakarta.mail.internet.MimeMultipart alternative = new jakarta.mail.internet.MimeMultipart("alternative");
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText("Hello Bob, https://example.com/plan", "UTF-8");
        jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
        html.setContent("<html><body><p>Hello Bob</p><a href=\"https://example.com/plan\">Plan</a></body></html>",
                "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        jakarta.mail.Transport.send(mail);

        // THEN one copy reached SES for bob@example.com, with no trace of the tracking address and its own pixel
        List<JsonNode> copies = sesCopies(subject);
        assertEquals(1, copies.size());
        JsonNode copy = copies.getFirst();
        assertTrue(copy.at("/destination/to/0").asText().endsWith("<bob@example.com>"), copy.toString());
        assertFalse(copy.toString().contains(runner.trackingDomain()), "no tracking suffix in the copy");
        String copyHtml = copy.at("/body/html").asText();
        assertEquals(1, count(PIXEL, copyHtml));
        assertFalse(copyHtml.contains("href=\"https://example.com/plan\""), "the link is tracked");
        assertEquals("Hello Bob, https://example.com/plan", copy.at("/body/text").asText().strip(), "the text part as sent");

        // WHEN bob opens it THEN the relayed email shows one open
        JsonNode listed = getJson("/api/v1/emails?limit=10", runner.apiKey());
        String emailId = null;
        for (JsonNode e : listed.get("items")) {
            if (e.get("subject").asText().equals(subject)) {
                emailId = e.get("id").asText();
            }
        }
        assertTrue(emailId != null, "the relayed email is listed: " + listed);
        fetch(first(PIXEL, copyHtml), "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15", "en");
        JsonNode stats = awaitStats(emailId, s -> s.get("opens").asInt() == 1);
        assertEquals("bob@example.com", stats.at("/perRecipient/0/address").asText());

        // AND a recipient outside the tracking domain is refused at RCPT: the listener relays nothing else
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "carol@example.org");
        assertThrows(jakarta.mail.SendFailedException.class, () -> jakarta.mail.Transport.send(mail));
    }

    private static java.util.Properties smtpProperties() {
        java.util.Properties props = new java.util.Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(runner.smtpPort().orElseThrow()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        return props;
    }

    private static Pattern beacon(String marker) {
        return Pattern.compile(Pattern.quote(marker) + "[^\"]*\"(http://127\\.0\\.0\\.1:\\d+/o/[A-Za-z0-9_-]+\\.gif)\"");
    }

    @Test
    void aHeadProbeIsRecordedButNeverCountedAsAnOpen() throws Exception {
        String subject = "Probe " + System.nanoTime();
        String emailId = sendSimple(subject, "erin@example.com");
        String pixel = first(PIXEL, sesCopies(subject).get(0).at("/body/html").asText());

        http.send(HttpRequest.newBuilder(URI.create(pixel)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        JsonNode stats = awaitStats(emailId, s -> s.get("probes").asInt() == 1);
        assertEquals(0, stats.get("opens").asInt());
    }

    @Test
    void anotherAccountCannotSeeTheEmail() throws Exception {
        String emailId = sendSimple("Private " + System.nanoTime(), "frank@example.com");
        String otherKey = runner.createAccountKey();

        HttpResponse<String> foreign = get("/api/v1/emails/" + emailId + "/stats", otherKey);
        HttpResponse<String> unknown = get("/api/v1/emails/em_00000000000000000000/stats", runner.apiKey());

        assertEquals(404, foreign.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(Json.MAPPER.readTree(unknown.body()).get("detail"), Json.MAPPER.readTree(foreign.body()).get("detail"),
                "a foreign id reads exactly like an unknown one");
        assertTrue(foreign.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void badInputGetsProblemBodiesAndWritesNothing() throws Exception {
        long emailsBefore = listCount();
        assertTrue(rawGet("/api/v1/emails?cursor=%zz").startsWith("HTTP/1.1 400 "), "malformed escape is a 400");
        assertProblem(get("/api/v1/emails?cursor=bm90LWEtY3Vyc29y", runner.apiKey()), 400);
        assertProblem(post("/api/v1/emails", "{not json", runner.apiKey()), 400);
        assertProblem(post("/api/v1/emails", "{\"to\":[\"bob@example.com\"]}", runner.apiKey()), 400);
        assertProblem(post("/api/v1/emails", """
                {"from":"alice@example.com","to":["not an address"],"subject":"x","text":"y"}""", runner.apiKey()), 400);
        String huge = "{\"from\":\"alice@example.com\",\"to\":[\"bob@example.com\"],\"subject\":\"x\",\"html\":\""
                + "a".repeat(10 * 1024 * 1024) + "\"}";
        assertProblem(post("/api/v1/emails", huge, runner.apiKey()), 413);
        assertProblem(post("/api/v1/emails", "{}", null), 401);
        assertProblem(post("/api/v1/emails", "{}", "glk_" + "x".repeat(43)), 401);
        assertEquals(emailsBefore, listCount(), "no email was stored by a bad request");
    }

    private static long listCount() throws Exception {
        long count = 0;
        String cursor = null;
        do {
            JsonNode page = getJson("/api/v1/emails?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), runner.apiKey());
            count += page.get("items").size();
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertFalse(response.body().contains("Exception"), "no stack trace or exception name: " + response.body());
    }

    private static String sendSimple(String subject, String to) throws Exception {
        String json = """
                {"from":"alice@example.com","to":["%s"],"subject":"%s",
                 "html":"<html><body><a href=\\"https://example.com/\\">x</a></body></html>"}""".formatted(to, subject);
        HttpResponse<String> sent = post("/api/v1/emails", json, runner.apiKey());
        assertEquals(201, sent.statusCode(), sent.body());
        return Json.MAPPER.readTree(sent.body()).get("id").asText();
    }

    /** The status line of a GET sent as raw bytes: java.net.http refuses to send a malformed URI. */
    private static String rawGet(String pathAndQuery) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", runner.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + runner.apiKey() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static void fetch(String url, String userAgent, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 302, url + " → " + response.statusCode());
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

    private static JsonNode awaitStats(String emailId, Predicate<JsonNode> done) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        JsonNode stats;
        do {
            stats = getJson("/api/v1/emails/" + emailId + "/stats", runner.apiKey());
            if (done.test(stats)) {
                return stats;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval, not a wait for time
        } while (Instant.now().isBefore(end));
        throw new AssertionError("stats did not reach the expected state in " + DEADLINE + ": " + stats);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval, not a wait for time
        }
    }

    private static JsonNode getJson(String path, String key) throws Exception {
        HttpResponse<String> response = get(path, key);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(runner.baseUri().resolve(path)).header("Authorization", "Bearer " + key)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json, String key) throws Exception {
        return post(path, json, key, null);
    }

    private static HttpResponse<String> post(String path, String json, String key, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), "no match for " + pattern + " in " + text);
        return m.group(1);
    }
}
