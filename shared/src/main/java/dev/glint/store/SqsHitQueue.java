package dev.glint.store;

import dev.glint.hit.HitQueue;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link HitQueue} on SQS: one JSON message per hit. */
public final class SqsHitQueue implements HitQueue {
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
}
