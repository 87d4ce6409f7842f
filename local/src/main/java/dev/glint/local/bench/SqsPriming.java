package dev.glint.local.bench;

import dev.glint.model.EventType;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs the SDK's SendMessage path hot before measuring: the AWS SDK is large, and at the pixel
 * route's rate the JIT would otherwise still be compiling it during the measured run.
 */
final class SqsPriming {
    private SqsPriming() {}

    /** Sends {@code count} hit-shaped messages to {@code queueUrl} from {@code parallel} virtual threads. */
    static void prime(SqsClient sqs, String queueUrl, int count, int parallel) {
        String body = Json.write(new RawHit(UUID.randomUUID().toString(), EventType.OPEN, "GET",
                Instant.now().toEpochMilli(), "bench-account", "bench-email", 0, -1, null, "127.0.0.1", "",
                Map.of(), Instant.now().getEpochSecond()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < parallel; t++) {
                int share = count / parallel + (t < count % parallel ? 1 : 0);
                threads.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
                    }
                });
            }
        }
    }
}
