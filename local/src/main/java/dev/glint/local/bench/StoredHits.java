package dev.glint.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.local.LocalResources;
import dev.glint.local.LocalRunner;
import dev.glint.model.EventType;
import dev.glint.model.Json;
import dev.glint.model.TrackingEvent;
import dev.glint.store.DynamoEventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the worker stored for the bench's emails once the hits queue is drained: the events in
 * the events table and the opens the stats API reports.
 *
 * @param events events stored for the bench's recipients
 * @param openEvents those of them that are opens
 * @param statsOpens the sum of {@code opens} over the emails' stats
 * @param deadLettered messages in the hits DLQ (hits the worker gave up on)
 * @param drainTime how long the queue took to drain after the last wrk run
 */
record StoredHits(long events, long openEvents, long statsOpens, long deadLettered, Duration drainTime) {
    /** The worker's count must hold still this long, with the queue empty, to call it drained. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS = Duration.ofSeconds(15);

    /** Waits, up to {@code deadline}, until every hit is processed, then counts what was stored. */
    static StoredHits awaitDrained(LocalRunner runner, HttpClient http, PixelUrls urls, Duration deadline,
            PrintStream progress) throws IOException, InterruptedException, TimeoutException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        long lastReport = start;
        long quietSince = -1;
        long handled = -1;
        while (true) {
            long now = System.nanoTime();
            long pending = pending(runner.sqs(), runner.hitsQueue().url());
            long handledNow = runner.workerInvocations();
            if (pending > 0 || handledNow != handled) {
                quietSince = -1;
            } else if (quietSince < 0) {
                quietSince = now;
            } else if (now - quietSince >= QUIET.toNanos()) {
                break;
            }
            handled = handledNow;
            if (now > end) {
                throw new TimeoutException("the hits queue still held " + pending + " messages after " + deadline);
            }
            if (now - lastReport >= PROGRESS.toNanos()) {
                progress.printf("  draining: %d hits queued, %d handed to the worker so far%n", pending, handledNow);
                lastReport = now;
            }
            LockSupport.parkNanos(POLL.toNanos()); // poll interval, not a wait for time
        }
        Duration drain = Duration.ofNanos(System.nanoTime() - start).minus(QUIET);
        long events = 0;
        long opens = 0;
        long statsOpens = 0;
        DynamoEventStore store = new DynamoEventStore(runner.dynamo(), LocalResources.EVENTS_TABLE, Clock.systemUTC());
        for (PixelUrls.SentEmail email : urls.emails()) {
            for (int r = 0; r < email.recipients(); r++) {
                List<TrackingEvent> stored = store.recipientEvents(email.id(), r);
                events += stored.size();
                opens += stored.stream().filter(e -> e.type() == EventType.OPEN).count();
            }
            statsOpens += stats(runner, http, email.id()).path("opens").asLong();
        }
        String dlq = LocalResources.hitsDlq(runner.sqs()).url();
        return new StoredHits(events, opens, statsOpens, pending(runner.sqs(), dlq), drain);
    }

    /** Messages in a queue, waiting or being processed. */
    private static long pending(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    private static JsonNode stats(LocalRunner runner, HttpClient http, String emailId)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                runner.baseUri().resolve("/api/v1/emails/" + emailId + "/stats"))
                .header("Authorization", "Bearer " + runner.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("stats of " + emailId + ": " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
