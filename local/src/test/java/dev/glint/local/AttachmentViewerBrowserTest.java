package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Attachment;
import dev.glint.model.EventType;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The viewer in a real browser: Debian's chromium driven by playwright-core, against the real function and S3. */
class AttachmentViewerBrowserTest {
    private static AttachmentLinkServer server;

    @BeforeAll
    static void start() throws IOException {
        server = AttachmentLinkServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aThreePagePdfRendersInChromiumReportsEveryPageAndNeverShowsTheObjectUrl() throws Exception {
        // GIVEN a view-only 3-page PDF and recipient 1's link to it
        Attachment pdf = server.upload("acct_browser", "Q3 report.pdf", "application/pdf", Attachment.Mode.VIEW,
                SamplePdf.pages(3), new Attachment.Preview("pdf", null, 3, null), null);
        URI link = server.link(pdf, 1);

        // WHEN a browser opens it, every page comes into view, and the person leaves
        JsonNode result = runBrowser(link, LocalResources.ATTACHMENTS_BUCKET, "X-Amz-", "X-Amz-Signature", pdf.objectKey());

        // THEN the page was served with its policy and rendered three inked pages
        assertEquals(200, result.get("status").asInt(), result.toString());
        assertTrue(result.get("csp").asText().contains("default-src 'none'"), result.toString());
        assertTrue(result.get("failed").isNull(), result.toString());
        assertEquals(3, result.get("canvases").asInt(), result.toString());
        result.get("inkedPixels").forEach(inked -> assertTrue(inked.asInt() > 1000, "a blank page: " + result));
        // AND no URL of the object appears anywhere in the DOM
        assertEquals(0, result.get("forbiddenFound").size(), result.toString());
        // AND the beacons were accepted, and the queue holds a page beacon for each of pages 1..3
        result.get("beaconStatuses").forEach(status -> assertEquals(204, status.asInt(), result.toString()));
        List<RawHit> hits = server.hitsUntil(h -> pagesSeen(h).size() == 3, Duration.ofSeconds(30));
        assertEquals(Set.of("1", "2", "3"), pagesSeen(hits), hits.toString());
        RawHit view = AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT).getFirst();
        assertEquals("view", view.detail().get("action"));
        assertEquals(pdf.id(), view.destination());
        assertEquals(1, view.recipient());
        AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT_BEACON).forEach(beacon -> {
            assertEquals(pdf.id(), beacon.destination());
            assertEquals("page", beacon.detail().get("kind"));
            assertEquals(22, beacon.detail().get("session").length(), "the audit keeps a digest of the session");
            int scroll = Integer.parseInt(beacon.detail().get("scroll"));
            assertTrue(scroll >= 0 && scroll <= 100);
        });
        assertNull(hits.stream().filter(h -> h.type() == EventType.ATTACHMENT_BEACON)
                .filter(h -> h.detail().containsKey("event")).findAny().orElse(null), "page beacons carry no video fields");
    }

    private static Set<String> pagesSeen(List<RawHit> hits) {
        Set<String> pages = new TreeSet<>();
        AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT_BEACON).forEach(h -> pages.add(h.detail().get("page")));
        return pages;
    }

    private static JsonNode runBrowser(URI link, String... forbidden) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("glint.browser-test.dir"));
        List<String> command = new java.util.ArrayList<>(List.of("node", "run-viewer-test.mjs", link.toString()));
        command.addAll(List.of(forbidden));
        Path output = java.nio.file.Files.createTempFile("viewer-test", ".json");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the browser run did not finish");
        }
        String out = java.nio.file.Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "browser run failed: " + out);
        String[] lines = out.strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }
}
