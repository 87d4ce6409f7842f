package dev.glint.store;

import dev.glint.hit.HitQueue;
import dev.glint.model.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import dev.glint.model.RawHit;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link HitQueue} on SQS: one JSON message per hit; several hits go in batches of ten. */
public final class SqsHitQueue implements HitQueue {
    private static final int BATCH = 10; // SQS's limit per SendMessageBatch
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsHitQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(RawHit hit) {
        String body = Json.write(hit);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    /**
     * One SendMessageBatch per ten hits (a beacon POST carries up to twenty): one round trip where
     * there were ten. An entry SQS refuses is sent again alone; if that fails too, this throws.
     */
    @Override
    public void publishAll(List<RawHit> hits) {
        for (int from = 0; from < hits.size(); from += BATCH) {
            List<RawHit> batch = hits.subList(from, Math.min(hits.size(), from + BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(batch.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            for (BatchResultErrorEntry failed : response.failed()) {
                publish(batch.get(Integer.parseInt(failed.id())));
            }
        }
    }
}
