package dev.glint.local;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the CDK stack creates in AWS, on the emulators: the two tables (same keys and
 * indexes as infra's DataTables) and the hits queue with its DLQ. Safe to run on every start.
 */
public final class LocalResources {
    public static final String MAIN_TABLE = "glint-main";
    public static final String EVENTS_TABLE = "glint-events";
    public static final String HITS_QUEUE = "glint-hits";
    public static final String HITS_DLQ = "glint-hits-dlq";
    /** Where received mail waits for the relay, as the stack's raw-mail bucket. */
    public static final String INBOUND_BUCKET = "glint-inbound";
    public static final String INBOUND_PREFIX = "inbound/";
    /** Senders' tracked attachments, as the stack's attachments bucket. */
    public static final String ATTACHMENTS_BUCKET = "glint-attachments";
    /** Receives before a hit goes to the DLQ, as in the stack. */
    static final int MAX_RECEIVES = 5;

    /** URL and ARN of a queue. */
    public record Queue(String url, String arn) {}

    private LocalResources() {}

    public static void createTables(DynamoDbClient dynamo) {
        create(dynamo, CreateTableRequest.builder().tableName(MAIN_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(s("pk"), s("sk"), s("gsi1pk"), s("gsi1sk"))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(gsi())
                .build());
        create(dynamo, CreateTableRequest.builder().tableName(EVENTS_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(s("pk"), s("sk"), s("lsi1sk"), s("gsi1pk"), s("gsi1sk"))
                .keySchema(hash("pk"), range("sk"))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi1")
                        .keySchema(hash("pk"), range("lsi1sk"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .globalSecondaryIndexes(gsi())
                .build());
    }

    /** Creates the raw-mail bucket unless it exists. */
    public static void createInboundBucket(software.amazon.awssdk.services.s3.S3Client s3) {
        createBucket(s3, INBOUND_BUCKET);
    }

    /** Creates the attachments bucket unless it exists. */
    public static void createAttachmentsBucket(software.amazon.awssdk.services.s3.S3Client s3) {
        createBucket(s3, ATTACHMENTS_BUCKET);
    }

    private static void createBucket(software.amazon.awssdk.services.s3.S3Client s3, String name) {
        try {
            s3.createBucket(b -> b.bucket(name));
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
                | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException e) {
            // a persistent data directory: created on an earlier start
        }
    }

    /** Creates the hits queue and its DLQ (idempotent) and returns the hits queue. */
    public static Queue createHitsQueue(SqsClient sqs, int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(HITS_DLQ)
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String url = sqs.createQueue(b -> b.queueName(HITS_QUEUE).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}")))
                .queueUrl();
        return new Queue(url, arn(sqs, url));
    }

    /** The DLQ of the hits queue. */
    public static Queue hitsDlq(SqsClient sqs) {
        String url = sqs.getQueueUrl(b -> b.queueName(HITS_DLQ)).queueUrl();
        return new Queue(url, arn(sqs, url));
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void create(DynamoDbClient dynamo, CreateTableRequest request) {
        try {
            dynamo.createTable(request);
        } catch (ResourceInUseException exists) {
            // kept from an earlier run: the data persists
        }
    }

    private static GlobalSecondaryIndex gsi() {
        return GlobalSecondaryIndex.builder().indexName("gsi1")
                .keySchema(hash("gsi1pk"), range("gsi1sk"))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition s(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
