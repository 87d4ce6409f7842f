package dev.glint.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.Stats;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.ses.ReceiptRuleOptions;
import software.amazon.awscdk.services.ses.ReceiptRuleSet;
import software.amazon.awscdk.services.ses.TlsPolicy;
import software.amazon.awscdk.services.ses.actions.Lambda;
import software.amazon.awscdk.services.ses.actions.LambdaInvocationType;
import software.amazon.awscdk.services.ses.actions.S3;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The tracking address: SES receives mail for the tracking domain and its subdomains, stores the raw MIME in a
 * private bucket, then invokes the inbound function asynchronously; a relay that fails its retries lands in an
 * alarmed queue. The rule set is not activated here: see {@link #ruleSetName()}.
 */
public final class InboundMail extends Construct {
    public static final String OBJECT_KEY_PREFIX = "inbound/";
    /** 25 MiB: the largest message the relay accepts (SES receiving stores up to 40 MB). */
    public static final long MAX_MESSAGE_BYTES = 25L * 1024 * 1024;
    public static final Duration TIMEOUT = Duration.seconds(60);
    /** Lambda's ceiling: a throttled event waits as long as Lambda allows before it counts as failed. */
    public static final Duration MAX_EVENT_AGE = Duration.hours(6);
    public static final int RETRY_ATTEMPTS = 2;
    public static final String RULE_NAME = "relay-tracking-address-mail";
    /** What the relay reads and writes in the tables: senders and suppressions in, emails and recipients out. */
    public static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:BatchWriteItem");
    private final Bucket bucket;
    private final ReceiptRuleSet ruleSet;
    private final Function function;
    private final Queue failedRelays;
    private final Alarm failedRelaysAlarm;

    public InboundMail(Construct scope, String id, InboundMailProps props) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "RawMail")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(false)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("expire-raw-mail").prefix(OBJECT_KEY_PREFIX)
                                .expiration(Duration.days(props.rawMailRetentionDays())).build(),
                        LifecycleRule.builder().id("abort-incomplete-uploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                .removalPolicy(props.bucketRemovalPolicy())
                .build();

        function = new JavaFunction(this, "Java", new JavaFunctionProps(
                "InboundFunction",
                "Glint tracking address: relays mail sent to <recipient>.<tracking domain> with tracking added",
                "dev.glint.inbound.InboundHandler::handleRequest",
                props.code(),
                TIMEOUT,
                Map.of("GLINT_MAIN_TABLE", props.tables().main().getTableName(),
                        "GLINT_EVENTS_TABLE", props.tables().events().getTableName(),
                        "GLINT_TOKEN_KEYS_SECRET", props.tokenKeys().secretArn(),
                        "GLINT_TRACKING_BASE_URL", props.trackingBaseUrl(),
                        "GLINT_SES_CONFIGURATION_SET", props.ses().configurationSetName(),
                        "GLINT_TRACKING_ADDRESS_DOMAIN", props.trackingAddressDomain(),
                        "GLINT_INBOUND_BUCKET", bucket.getBucketName(),
                        "GLINT_INBOUND_PREFIX", OBJECT_KEY_PREFIX,
                        "GLINT_INBOUND_MAX_BYTES", Long.toString(MAX_MESSAGE_BYTES)),
                false)).function();
        // Objects under the prefix only: Bucket.grantRead would add s3:List* and s3:GetBucket*.
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(function)
                .actions(List.of("s3:GetObject"))
                .resourceArns(List.of(bucket.arnForObjects(OBJECT_KEY_PREFIX + "*")))
                .build());
        props.tables().grantItemActions(function, TABLE_ACTIONS);
        props.tokenKeys().grantRead(function);
        props.ses().grantSendEmailAsAccountIdentities(function);

        failedRelays = Queue.Builder.create(this, "FailedRelays")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        // SES hands the event to Lambda's async queue and forgets it: retries, then the failure queue, keep it.
        function.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .maxEventAge(MAX_EVENT_AGE)
                .retryAttempts(RETRY_ATTEMPTS)
                .onFailure(new SqsDestination(failedRelays))
                .build());
        failedRelaysAlarm = alarm("FailedRelaysAlarm", failedRelays.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(Duration.minutes(1)).statistic(Stats.MAXIMUM).build()),
                "Tracking-address mail failed to relay " + (RETRY_ATTEMPTS + 1) + " times: the SES event waits in "
                        + "the failed-relays queue; fix the function and re-invoke it within "
                        + props.rawMailRetentionDays() + " days, before the raw mail expires");
        alarm("FailureDestinationAlarm", Metric.Builder.create()
                        .namespace("AWS/Lambda").metricName("DestinationDeliveryFailures")
                        .dimensionsMap(Map.of("FunctionName", function.getFunctionName()))
                        .period(Duration.minutes(5)).statistic(Stats.SUM).build(),
                "A failed tracking-address relay could not be written to the failed-relays queue: "
                        + "find its SES message id in the function's logs");

        // Named rule set and rule: their ARN is known before they exist, so the bucket policy and the invoke
        // permission can name the one rule allowed to use them without a dependency cycle.
        String ruleSetName = Stack.of(this).getStackName() + "-inbound";
        String ruleArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("ses").resource("receipt-rule-set")
                .resourceName(ruleSetName + ":receipt-rule/" + RULE_NAME)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        // The library's S3 action allows ses.amazonaws.com from this account (aws:SourceAccount); this narrows it
        // to our rule, so another rule in the account cannot write into the prefix the relay trusts.
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OnlyTheRelayRuleWritesRawMail")
                .effect(Effect.DENY)
                .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects("*")))
                .conditions(Map.of("StringNotEquals", Map.of("aws:SourceArn", ruleArn)))
                .build());
        // Made before the Lambda action binds: it reuses a permission with this id instead of adding a looser one.
        function.addPermission("AllowSes", Permission.builder()
                .principal(new ServicePrincipal("ses.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceAccount(Aws.ACCOUNT_ID)
                .sourceArn(ruleArn)
                .build());

        ruleSet = ReceiptRuleSet.Builder.create(this, "RuleSet").receiptRuleSetName(ruleSetName).build();
        // "example.com" matches the domain itself (read receipts), ".example.com" every subdomain (tracking addresses).
        ruleSet.addRule("Relay", ReceiptRuleOptions.builder()
                .receiptRuleName(RULE_NAME)
                .recipients(List.of(props.trackingAddressDomain(), "." + props.trackingAddressDomain()))
                .enabled(true)
                .scanEnabled(true)
                .tlsPolicy(TlsPolicy.REQUIRE)
                .actions(List.of(
                        S3.Builder.create().bucket(bucket).objectKeyPrefix(OBJECT_KEY_PREFIX).build(),
                        Lambda.Builder.create().function(function).invocationType(LambdaInvocationType.EVENT).build()))
                .build());
    }

    public IBucket bucket() {
        return bucket;
    }

    /**
     * The receipt rule set. SES uses only the one active rule set of a region and CloudFormation cannot activate
     * one; activating it here would silently deactivate any rule set already active in the account (and need
     * ses:SetActiveReceiptRuleSet on "*"), so operators activate it, or copy its rule into theirs (README).
     */
    public String ruleSetName() {
        return ruleSet.getReceiptRuleSetName();
    }

    public Function function() {
        return function;
    }

    public IQueue failedRelays() {
        return failedRelays;
    }

    public Alarm failedRelaysAlarm() {
        return failedRelaysAlarm;
    }

    /** The MX host to publish for the tracking domain and its subdomains (SES's inbound endpoint of this region). */
    public static String mxHost() {
        return "inbound-smtp." + Aws.REGION + ".amazonaws.com";
    }

    private Alarm alarm(String id, Metric metric, String description) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .threshold(0)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }
}
