package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.attach.AttachmentAudit;
import dev.glint.attach.AttachmentStats;
import dev.glint.attach.ContentSniffer;
import dev.glint.attach.Sniffed;
import dev.glint.classify.Verdict;
import dev.glint.enrich.DeviceInfo;
import dev.glint.model.Attachment;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import dev.glint.store.DynamoAttachmentEventStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
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
        JsonNode result = runBrowser("pdf", link, LocalResources.ATTACHMENTS_BUCKET, "X-Amz-", "X-Amz-Signature", pdf.objectKey());

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
        List<RawHit> hits = hitsOf(pdf, h -> pagesSeen(h).size() == 3);
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

    @Test
    void aPngShowsInChromiumAndItsViewTimeGrowsWhileItIsInView() throws Exception {
        // GIVEN a real PNG uploaded as a client would, and recipient 1's link to it
        Attachment image = server.uploadChecked("acct_browser", "site photo.png", "image/png", png(640, 360));
        assertEquals("image/png", image.contentType());
        assertEquals("image", image.preview().kind());
        URI link = server.link(image, 1);

        // WHEN a browser opens it and keeps it in view over two of the viewer's 10 s flushes, then leaves
        JsonNode result = runBrowser("image", link, LocalResources.ATTACHMENTS_BUCKET, "X-Amz-", "blob:", image.objectKey());

        // THEN the image was decoded at its size, with no URL of the object anywhere in the DOM
        assertEquals(200, result.get("status").asInt(), result.toString());
        assertTrue(result.get("failed").isNull(), result.toString());
        assertEquals(640, result.get("naturalWidth").asInt(), result.toString());
        assertEquals(360, result.get("naturalHeight").asInt(), result.toString());
        assertEquals(0, result.get("forbiddenFound").size(), result.toString());
        result.get("beaconStatuses").forEach(status -> assertEquals(204, status.asInt(), result.toString()));
        // AND each flush reported the time since the one before, so the view time grows with the time in view
        List<Integer> flushed = new ArrayList<>();
        result.get("beaconBatches").forEach(batch -> batch.forEach(b -> flushed.add(b.get("dwellMs").asInt())));
        assertTrue(flushed.size() >= 2, result.toString());
        flushed.forEach(ms -> assertTrue(ms > 0 && ms <= 11_000, "one flush reports at most its interval: " + flushed));
        // AND the queue holds those image beacons, adding up to the time the image was seen
        long visible = result.get("visibleAtLeastMs").asLong();
        List<RawHit> hits = hitsOf(image, h -> imageDwell(h) >= visible - 500);
        long dwell = imageDwell(hits);
        assertTrue(dwell >= visible - 500 && dwell <= visible + 5_000, dwell + " ms reported for " + visible + " ms in view");
        AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT_BEACON).forEach(beacon -> {
            assertEquals(image.id(), beacon.destination());
            assertEquals(Set.of("kind", "dwellMs", "session"), beacon.detail().keySet());
            assertEquals("image", beacon.detail().get("kind"));
        });
        assertEquals("view", AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT).getFirst().detail().get("action"));
    }

    @Test
    void aWebmRecordedByChromiumPlaysSeeksAndEndsAndItsPlaybackGivesThePercentWatched() throws Exception {
        // GIVEN a ~2 s WebM recorded by chromium, sniffed from its bytes as a video and uploaded as one
        byte[] webm = recordWebm();
        Sniffed sniffed = ContentSniffer.sniff(Arrays.copyOf(webm, Math.min(webm.length, ContentSniffer.HEAD_BYTES)),
                webm.length, "walkthrough.webm", "video/webm");
        assertEquals("video/webm", sniffed.contentType());
        assertEquals(Sniffed.Family.VIDEO, sniffed.family());
        Attachment video = server.uploadChecked("acct_browser", "walkthrough.webm", "video/webm", webm);
        assertEquals("video/webm", video.contentType());
        assertEquals("video", video.preview().kind());
        URI link = server.link(video, 1);

        // WHEN a browser plays it from the start, pauses, seeks forward past a part and plays it to the end
        JsonNode result = runBrowser("video", link, LocalResources.ATTACHMENTS_BUCKET, "X-Amz-", "blob:", video.objectKey());

        // THEN it played: frames decoded at the recorded size, to the end, no URL of the object in the DOM
        assertEquals(200, result.get("status").asInt(), result.toString());
        assertTrue(result.get("failed").isNull(), result.toString());
        assertEquals(160, result.get("videoWidth").asInt(), result.toString());
        assertTrue(result.get("decodedFrames").asInt() > 0, result.toString());
        assertTrue(result.get("ended").asBoolean(), result.toString());
        assertEquals(0, result.get("forbiddenFound").size(), result.toString());
        result.get("beaconStatuses").forEach(status -> assertEquals(204, status.asInt(), result.toString()));
        double duration = result.get("duration").asDouble();
        double pausedAt = result.get("steps").get(1).get("position").asDouble();
        double seekTo = result.get("seekTo").asDouble();
        assertTrue(duration > 1.5 && duration < 3, result.toString());

        // AND the queue holds play, pause, seek, play and ended, in that order, at those positions
        List<RawHit> hits = hitsOf(video, h -> playback(h).stream().anyMatch(b -> b.event().equals("ended")));
        List<Playback> events = playback(hits);
        assertEquals(List.of("play", "pause", "seek", "play", "ended"), events.stream().map(Playback::event).toList(),
                hits.toString());
        assertEquals(0, events.get(0).position(), 0.1);
        assertEquals(pausedAt, events.get(1).position(), 0.05);
        assertEquals(seekTo, events.get(2).position(), 0.01);
        assertEquals(seekTo, events.get(3).position(), 0.05);
        assertEquals(duration, events.get(4).position(), 0.01);
        events.forEach(e -> assertEquals(duration, e.duration(), 0.001));

        // AND the worker's fold of them (as from a person) counts what was played, not the part skipped
        AttachmentAudit audit = new AttachmentAudit(
                new DynamoAttachmentEventStore(server.dynamo, LocalResources.EVENTS_TABLE, Clock.systemUTC()));
        HitInsight person = new HitInsight(Verdict.HUMAN, List.of("browser test"), "Chromium", DeviceInfo.UNKNOWN, null);
        hits.forEach(hit -> audit.record(hit, person));
        AttachmentStats.Video watched = AttachmentStats.of(
                new DynamoAttachmentEventStore(server.dynamo, LocalResources.EVENTS_TABLE, Clock.systemUTC()).all(video.id()))
                .recipients().getFirst().video();
        double played = pausedAt + (duration - seekTo);
        assertEquals(2, watched.plays());
        assertEquals(played, watched.watchedSeconds(), 0.15, watched.toString());
        assertEquals((int) Math.floor(watched.watchedSeconds() * 100 / duration), watched.percentWatched());
        assertTrue(watched.percentWatched() > 0 && watched.percentWatched() < 100, watched.toString());
    }

    /**
     * The queue's hits about {@code attachment}, read until {@code done} holds for them (a previous
     * test's page may still have flushed as it left).
     */
    private static List<RawHit> hitsOf(Attachment attachment, Predicate<List<RawHit>> done) {
        List<RawHit> mine = new ArrayList<>();
        server.hitsUntil(hits -> {
            mine.clear();
            hits.stream().filter(h -> attachment.id().equals(h.destination())).forEach(mine::add);
            return done.test(mine);
        }, Duration.ofSeconds(30));
        return mine;
    }

    /** A video beacon as the queue holds it. */
    private record Playback(String event, double position, double duration) {}

    /** The queue's video beacons in the order they were received, without the periodic position reports. */
    private static List<Playback> playback(List<RawHit> hits) {
        return AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT_BEACON).stream()
                .filter(h -> !h.detail().get("event").equals("timeupdate"))
                .sorted(Comparator.comparingLong(RawHit::receivedAtMillis))
                .map(h -> new Playback(h.detail().get("event"), Double.parseDouble(h.detail().get("position")),
                        Double.parseDouble(h.detail().get("duration"))))
                .toList();
    }

    private static long imageDwell(List<RawHit> hits) {
        return AttachmentLinkServer.ofType(hits, EventType.ATTACHMENT_BEACON).stream()
                .mapToLong(h -> Long.parseLong(h.detail().get("dwellMs"))).sum();
    }

    /** A photo-like PNG: a gradient with a block on it, written by javax.imageio. */
    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x++) {
            g.setColor(new Color(x * 255 / width, 120, 255 - x * 255 / width));
            g.drawLine(x, 0, x, height);
        }
        g.setColor(Color.BLACK);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A short VP8 WebM recorded in chromium from a canvas animation (see run-viewer-test.mjs). */
    private static byte[] recordWebm() throws IOException, InterruptedException {
        Path file = Files.createTempFile("viewer-test", ".webm");
        try {
            run(List.of("record-webm", file.toString()));
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static JsonNode runBrowser(String kind, URI link, String... forbidden) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(kind, link.toString()));
        arguments.addAll(List.of(forbidden));
        String[] lines = run(arguments).strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    /** Runs the browser script with {@code arguments}; its standard output. */
    private static String run(List<String> arguments) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("glint.browser-test.dir"));
        List<String> command = new ArrayList<>(List.of("node", "run-viewer-test.mjs"));
        command.addAll(arguments);
        Path output = Files.createTempFile("viewer-test", ".json");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the browser run did not finish");
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "browser run failed: " + out);
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
