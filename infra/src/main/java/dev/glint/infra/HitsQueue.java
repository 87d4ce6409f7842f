package dev.glint.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.Stats;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** The SQS queue between the track and worker functions: a hit is never lost once answered (retries, then the DLQ). */
public final class HitsQueue extends Construct {
    public static final int MAX_RECEIVE_COUNT = 5;
    private final Queue queue;
    private final Queue deadLetters;
    private final Alarm deadLettersAlarm;

    public HitsQueue(Construct scope, String id, HitsQueueProps props) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // AWS's rule for Lambda consumers: room for the function's retries within one receive.
                .visibilityTimeout(Duration.seconds(props.consumerTimeout().toSeconds().doubleValue() * 6))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
        deadLettersAlarm = Alarm.Builder.create(this, "DeadLettersAlarm")
                .alarmDescription("Tracking hits failed " + MAX_RECEIVE_COUNT
                        + " times and wait in the hits DLQ: fix the worker, then redrive them")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic(Stats.MAXIMUM).build()))
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    public IQueue queue() {
        return queue;
    }

    public IQueue deadLetters() {
        return deadLetters;
    }

    public Alarm deadLettersAlarm() {
        return deadLettersAlarm;
    }
}
