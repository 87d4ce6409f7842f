package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A hit is never lost once answered: encrypted queue, retries, a dead-letter queue and an alarm on it. */
class HitsQueueTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
    }

    @Test
    void everyQueueIsEncryptedAndRefusesPlainHttp() {
        // GIVEN the synthesized stack
        // WHEN we look at its queues and queue policies
        Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue");
        // THEN every queue (hits, its DLQ, failed inbound relays) uses SSE and denies requests without TLS
        assertEquals(3, queues.size());
        queues.forEach((id, queue) -> {
            Map<String, Object> props = TemplateJson.properties(queue);
            assertTrue(Boolean.TRUE.equals(props.get("SqsManagedSseEnabled")) || props.containsKey("KmsMasterKeyId"),
                    id + " is not encrypted");
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(Map.of("Ref", id)),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        });
    }

    @Test
    void aHitFailingFiveTimesMovesToTheDeadLetterQueue() {
        // GIVEN the synthesized stack
        // WHEN we read the hits queue's redrive policy
        Map<String, Object> redrive = TemplateJson.map(TemplateJson.properties(hitsQueue()).get("RedrivePolicy"));
        // THEN its target is the other queue, after five receives, which keeps messages for 14 days
        assertEquals(5, ((Number) redrive.get("maxReceiveCount")).intValue());
        String deadLetters = TemplateJson.getAttTarget(redrive.get("deadLetterTargetArn"));
        assertEquals(14 * 24 * 3600, ((Number) TemplateJson.properties(TemplateJson.map(
                TemplateJson.resources(template).get(deadLetters))).get("MessageRetentionPeriod")).intValue());
    }

    @Test
    void visibilityTimeoutIsSixTimesTheWorkerTimeout() {
        // GIVEN a worker timeout of 30 s
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.glint.worker.ProcessHitsHandler::handleRequest", "Timeout", 30));
        // WHEN we read the hits queue's visibility timeout
        Object visibility = TemplateJson.properties(hitsQueue()).get("VisibilityTimeout");
        // THEN it is 180 s, so a batch is not redelivered while the worker still retries it
        assertEquals(180, ((Number) visibility).intValue());
    }

    @Test
    void alarmFiresOnTheFirstDeadLetter() {
        // GIVEN the dead-letter queue's logical id
        String deadLetters = TemplateJson.getAttTarget(TemplateJson.map(
                TemplateJson.properties(hitsQueue()).get("RedrivePolicy")).get("deadLetterTargetArn"));
        // WHEN we look for an alarm on it
        // THEN one alarms as soon as one message is visible in it
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(deadLetters, "QueueName")))),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0));
    }

    private static Map<String, Object> hitsQueue() {
        List<Map<String, Object>> withRedrive = template.findResources("AWS::SQS::Queue").values().stream()
                .filter(q -> TemplateJson.properties(q).containsKey("RedrivePolicy")).toList();
        assertEquals(1, withRedrive.size(), "queues with a redrive policy");
        return withRedrive.get(0);
    }
}
