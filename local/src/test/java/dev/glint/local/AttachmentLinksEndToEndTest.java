package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Attachment;
import dev.glint.model.EventType;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tracked attachment links over real HTTP: the function behind the local gateway, dynalite and fauxqs's S3 and SQS. */
class AttachmentLinksEndToEndTest {
    private static final Pattern SESSION = Pattern.compile("data-session=\"([^\"]+)\"");
    private static final Attachment.Preview PDF3 = new Attachment.Preview("pdf", null, 3, null);
    private static AttachmentLinkServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws IOException {
        server = AttachmentLinkServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void emptyQueue() {
        server.drainHits();
    }

    @Test
    void downloadLinkRedirectsToAShortPresignedGetThatServesTheFileUnderItsName() throws Exception {
        // GIVEN a download-mode file with a non-ASCII name
        byte[] bytes = "col1,col2\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Attachment csv = server.upload("acct_a", "Résumé \"2026\".csv", "text/csv", Attachment.Mode.DOWNLOAD, bytes,
                Attachment.Preview.NONE, null);

        // WHEN recipient 2 follows the link
        HttpResponse<String> response = get(server.link(csv, 2));

        // THEN a 302 to a presigned GET of at most 300 s, uncached and without referrer
        assertEquals(302, response.statusCode());
        assertEquals("no-store, private, max-age=0", header(response, "cache-control"));
        assertEquals("no-referrer", header(response, "referrer-policy"));
        URI location = URI.create(header(response, "location"));
        Map<String, String> query = query(location);
        int expires = Integer.parseInt(query.get("X-Amz-Expires"));
        assertTrue(expires >= 60 && expires <= 300, "presigned for " + expires + " s");
        assertEquals("attachment; filename=\"R_sum_ _2026_.csv\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%222026%22.csv",
                query.get("response-content-disposition"));
        assertEquals("text/csv", query.get("response-content-type"));
        // AND the presigned URL serves the bytes with that disposition
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertArrayEquals(bytes, file.body());
        assertEquals(query.get("response-content-disposition"), file.headers().firstValue("content-disposition").orElseThrow());
        // AND one download is queued for recipient 2
        List<RawHit> hits = server.drainHits();
        assertEquals(1, hits.size());
        assertEquals(EventType.ATTACHMENT, hits.get(0).type());
        assertEquals("download", hits.get(0).detail().get("action"));
        assertEquals(2, hits.get(0).recipient());
        assertEquals(csv.id(), hits.get(0).destination());
    }

    @Test
    void viewLinkServesTheViewerPageWithItsPolicyAndNoObjectUrl() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        HttpResponse<String> page = get(server.link(pdf, 0));

        assertEquals(200, page.statusCode());
        String policy = header(page, "content-security-policy");
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "worker-src 'self' blob:")) {
            assertTrue(policy.contains(directive), directive + " in " + policy);
        }
        assertTrue(policy.contains("connect-src 'self' " + server.emulators.s3Endpoint().toString().replaceAll("/$", "")),
                policy);
        assertEquals("nosniff", header(page, "x-content-type-options"));
        assertTrue(header(page, "cache-control").contains("no-store"));
        assertFalse(page.body().contains(LocalResources.ATTACHMENTS_BUCKET));
        assertFalse(page.body().contains("X-Amz-"));
        assertFalse(page.body().toLowerCase().contains("download"), "no download control");
        assertEquals("view", server.drainHits().getFirst().detail().get("action"));
    }

    @Test
    void viewerAssetsAreServedWithTheirTypesAndCachedForGood() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(1), new Attachment.Preview("pdf", null, 1, null), null);
        String body = get(server.link(pdf, 0)).body();
        for (String name : List.of("viewer.js", "pdf.min.mjs", "pdf.worker.min.mjs", "viewer.css")) {
            Matcher m = Pattern.compile("\"(/a/assets/" + Pattern.quote(name) + "\\?v=[0-9a-f]+)\"").matcher(body);
            assertTrue(m.find(), name + " is referenced with its version");
            HttpResponse<String> asset = get(server.gateway.baseUri().resolve(m.group(1)));
            assertEquals(200, asset.statusCode(), name);
            assertEquals(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
                    header(asset, "content-type"));
            assertEquals("public, max-age=31536000, immutable", header(asset, "cache-control"));
        }
        assertEquals(404, get(server.gateway.baseUri().resolve("/a/assets/../pom.xml")).statusCode());
    }

    @Test
    void forgedTokenGets404AndRecordsNothing() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        String token = server.link(pdf, 0).getPath().substring(3);
        int at = token.length() / 2; // inside the ciphertext: the last character may carry only unused bits
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        HttpResponse<String> response = get(server.gateway.baseUri().resolve("/a/" + forged));
        HttpResponse<String> beacon = post(server.gateway.baseUri().resolve("/a/" + forged + "/beacons"),
                "{\"session\":\"x\",\"kind\":\"page\",\"page\":1,\"dwellMs\":10}");

        assertEquals(404, response.statusCode());
        assertTrue(header(response, "content-type").startsWith("text/html"));
        assertFalse(response.headers().firstValue("location").isPresent());
        assertEquals(404, beacon.statusCode());
        assertTrue(server.drainHits().isEmpty());
    }

    @Test
    void anotherAccountsAttachmentIsNotFound() throws Exception {
        Attachment theirs = server.upload("acct_owner", "deck.pdf", "application/pdf", Attachment.Mode.DOWNLOAD,
                SamplePdf.pages(1), Attachment.Preview.NONE, null);
        String token = server.sealer.seal(dev.glint.token.TokenClaims.attachment("acct_other", "em_x", 0, 0,
                theirs.id(), AttachmentLinkServer.LATER));
        assertEquals(404, get(server.gateway.baseUri().resolve("/a/" + token)).statusCode());
        assertTrue(server.drainHits().isEmpty());
    }

    @Test
    void revokedFileGets410AndTheRefusalIsAudited() throws Exception {
        // GIVEN a page already open for a view-only file
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 3);
        String session = session(get(link).body());
        server.drainHits();

        // WHEN the owner revokes it
        server.revoke(pdf);

        // THEN the next request of every kind is refused at once
        HttpResponse<String> page = get(link);
        assertEquals(410, page.statusCode());
        assertTrue(page.body().contains("no longer available"));
        assertEquals(410, get(URI.create(link + "/file?s=" + session)).statusCode());
        assertEquals(410, post(URI.create(link + "/beacons"), pageBeacon(session, 1, 100)).statusCode());
        List<RawHit> hits = server.hitsUntil(h -> h.size() >= 3, Duration.ofSeconds(10));
        assertEquals(3, hits.size(), "the page, the document and the beacons: each refusal audited");
        hits.forEach(h -> {
            assertEquals(EventType.ATTACHMENT, h.type());
            assertEquals("refused", h.detail().get("action"));
            assertEquals("revoked", h.detail().get("reason"));
        });
    }

    @Test
    void expiredFileGets410() throws Exception {
        Attachment old = server.upload("acct_a", "old.pdf", "application/pdf", Attachment.Mode.DOWNLOAD,
                SamplePdf.pages(1), Attachment.Preview.NONE, Instant.now().minusSeconds(60));
        HttpResponse<String> response = get(server.link(old, 0));
        assertEquals(410, response.statusCode());
        assertFalse(response.headers().firstValue("location").isPresent());
        assertEquals("expired", server.drainHits().getFirst().detail().get("reason"));
    }

    @Test
    void downloadModeFileIsNeverShownInTheViewerNorFetchedThroughIt() throws Exception {
        Attachment file = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.DOWNLOAD,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(file, 0);
        assertEquals(302, get(link).statusCode());
        server.drainHits();
        assertEquals(404, get(URI.create(link + "/file?s=anything")).statusCode());
        HttpResponse<String> beacon = post(URI.create(link + "/beacons"), pageBeacon("anything", 1, 10));
        assertEquals(400, beacon.statusCode());
        assertTrue(server.drainHits().isEmpty());
    }

    @Test
    void viewerDocumentNeedsTheSessionOfAPageServedForThatLink() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 0);
        URI otherLink = server.link(pdf, 1);
        String session = session(get(link).body());

        HttpResponse<String> file = get(URI.create(link + "/file?s=" + session));
        assertEquals(302, file.statusCode());
        Map<String, String> query = query(URI.create(header(file, "location")));
        assertTrue(query.get("response-content-disposition").startsWith("inline;"));
        assertEquals(404, get(URI.create(link + "/file")).statusCode());
        assertEquals(404, get(URI.create(otherLink + "/file?s=" + session)).statusCode(), "another recipient's session");
    }

    @Test
    void officeFileIsViewedAsItsConvertedPdf() throws Exception {
        Attachment docx = server.upload("acct_a", "plan.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Attachment.Mode.VIEW,
                "PK fake docx".getBytes(StandardCharsets.UTF_8), new Attachment.Preview("pdf",
                        Attachment.previewKey("acct_a", "att_x"), 3, null), null);
        URI link = server.link(docx, 0);
        String session = session(get(link).body());
        HttpResponse<String> file = get(URI.create(link + "/file?s=" + session));
        URI location = URI.create(header(file, "location"));
        assertTrue(location.getPath().endsWith(Attachment.previewKey("acct_a", "att_x")), location.getPath());
        assertEquals("application/pdf", query(location).get("response-content-type"));
    }

    @Test
    void unviewableFileSaysWhyAndOffersNothing() throws Exception {
        Attachment xlsx = server.upload("acct_a", "sheet.xlsx", "application/vnd.ms-excel", Attachment.Mode.VIEW,
                "PK".getBytes(StandardCharsets.UTF_8), new Attachment.Preview("none", null, 0,
                        "no converter is installed for spreadsheets"), null);
        HttpResponse<String> page = get(server.link(xlsx, 0));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("no converter is installed for spreadsheets"));
        assertFalse(page.body().contains("<script"));
        assertFalse(page.body().contains("/file"));
    }

    @Test
    void validBeaconsAre204AndQueuedOneHitEach() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 0);
        String session = session(get(link).body());
        server.drainHits();

        HttpResponse<String> response = post(URI.create(link + "/beacons"), """
                {"session":"%s","beacons":[{"kind":"page","page":1,"dwellMs":4000,"scroll":100},
                {"kind":"page","page":3,"dwellMs":0,"scroll":40}]}""".formatted(session));

        assertEquals(204, response.statusCode());
        List<RawHit> hits = server.drainHits();
        assertEquals(2, hits.size());
        assertEquals(Map.of("kind", "page", "page", "1", "dwellMs", "4000", "scroll", "100",
                "session", hits.get(0).detail().get("session")), hits.get(0).detail());
        assertFalse(hits.get(0).hitId().equals(hits.get(1).hitId()), "each beacon has its own hit id");
    }

    @Test
    void absurdOrMalformedBeaconsAre400AndNothingIsRecorded() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 0);
        String session = session(get(link).body());
        server.drainHits();
        Map<String, String> bad = Map.of(
                "dwellMs", pageBeacon(session, 1, 3_600_000),
                "page", pageBeacon(session, 4, 10),
                "session", pageBeacon("forged-session", 1, 10),
                "kind", "{\"session\":\"%s\",\"kind\":\"video\",\"event\":\"play\",\"position\":1,\"duration\":2}"
                        .formatted(session),
                "beacons[1].scroll", "{\"session\":\"%s\",\"beacons\":[{\"kind\":\"page\",\"page\":1,\"dwellMs\":1},{\"kind\":\"page\",\"page\":2,\"dwellMs\":1,\"scroll\":101}]}"
                        .formatted(session),
                "body", "not json");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> response = post(URI.create(link + "/beacons"), e.getValue());
            assertEquals(400, response.statusCode(), e.getKey());
            assertEquals("application/problem+json", header(response, "content-type"));
            JsonNode problem = Json.MAPPER.readTree(response.body());
            assertEquals(e.getKey(), problem.get("field").asText(), response.body());
        }
        assertTrue(server.drainHits().isEmpty(), "a bad body records nothing, not even its valid beacons");
    }

    @Test
    void oversizedBeaconBodyIs413() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 0);
        String session = session(get(link).body());
        server.drainHits();
        String body = "{\"session\":\"" + session + "\",\"pad\":\"" + "x".repeat(9000) + "\"}";
        assertEquals(413, post(URI.create(link + "/beacons"), body).statusCode());
        assertTrue(server.drainHits().isEmpty());
    }

    @Test
    void beaconFloodGets429WithRetryAfter() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 0);
        String session = session(get(link).body());
        StringBuilder batch = new StringBuilder("{\"session\":\"" + session + "\",\"beacons\":[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"kind\":\"page\",\"page\":1,\"dwellMs\":1}");
        }
        String body = batch.append("]}").toString();

        // 60 a minute: three batches of 20 pass, the fourth is refused
        for (int i = 0; i < 3; i++) {
            assertEquals(204, post(URI.create(link + "/beacons"), body).statusCode());
        }
        HttpResponse<String> flood = post(URI.create(link + "/beacons"), body);

        assertEquals(429, flood.statusCode());
        assertTrue(Integer.parseInt(header(flood, "retry-after")) >= 1);
        assertEquals(60, AttachmentLinkServer.ofType(server.drainHits(), EventType.ATTACHMENT_BEACON).size());
    }

    @Test
    void wrongMethodsAre405() throws Exception {
        Attachment pdf = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), PDF3, null);
        URI link = server.link(pdf, 0);
        HttpResponse<String> post = post(link, "{}");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "allow"));
        HttpResponse<String> getBeacons = get(URI.create(link + "/beacons"));
        assertEquals(405, getBeacons.statusCode());
        assertEquals("POST", header(getBeacons, "allow"));
        assertTrue(server.drainHits().isEmpty());
    }

    @Test
    void headIsAProbeAndNeverGetsAPresignedUrl() throws Exception {
        Attachment file = server.upload("acct_a", "deck.pdf", "application/pdf", Attachment.Mode.DOWNLOAD,
                SamplePdf.pages(1), Attachment.Preview.NONE, null);
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(server.link(file, 0))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertFalse(head.headers().firstValue("location").isPresent());
        List<RawHit> hits = server.drainHits();
        assertEquals(EventType.PROBE, hits.getFirst().type());
    }

    private static String pageBeacon(String session, int page, int dwellMs) {
        return "{\"session\":\"%s\",\"kind\":\"page\",\"page\":%d,\"dwellMs\":%d}".formatted(session, page, dwellMs);
    }

    private static String session(String page) {
        Matcher m = SESSION.matcher(page);
        assertTrue(m.find(), "the viewer page carries a session");
        return m.group(1);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
