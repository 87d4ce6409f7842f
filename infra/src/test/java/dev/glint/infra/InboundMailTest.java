package dev.glint.infra;

import static dev.glint.infra.TemplateJson.getAtt;
import static dev.glint.infra.TemplateJson.join;
import static dev.glint.infra.TemplateJson.normalized;
import static dev.glint.infra.TemplateJson.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The tracking address: SES stores raw mail in a private bucket and hands it to the relay; only our rule may do
 * either, the relay may do only what it needs, and a failed relay waits in an alarmed queue.
 */
class InboundMailTest {
    private static final String DOMAIN = "t.glint.example";
    private static final String RULE_SET = "GlintStack-inbound";
    private static final String RULE = "relay-tracking-address-mail";
    private static final Map<String, Object> ACCOUNT = Map.of("Ref", "AWS::AccountId");
    private static Template template;
    private static Map<String, Object> resources;
    private static String bucket;
    private static String queue;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
        resources = TemplateJson.resources(template);
        bucket = TemplateJson.refTarget(TemplateJson.path(resources.get("InboundFunction"),
                "Properties", "Environment", "Variables", "GLINT_INBOUND_BUCKET"));
        queue = TemplateJson.getAttTarget(TemplateJson.path(onlyResource("AWS::Lambda::EventInvokeConfig"),
                "Properties", "DestinationConfig", "OnFailure", "Destination"));
    }

    @Test
    void rawMailBucketIsPrivateEncryptedUnversionedAndForgetsMailAfterAWeek() {
        // GIVEN the synthesized stack
        // WHEN we read the raw-mail bucket
        Map<String, Object> props = TemplateJson.properties(TemplateJson.map(resources.get(bucket)));
        // THEN public access is blocked four ways, objects are encrypted at rest, no old versions are kept,
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), props.get("PublicAccessBlockConfiguration"));
        assertEquals("AES256", TemplateJson.path(TemplateJson.list(TemplateJson.path(props, "BucketEncryption",
                "ServerSideEncryptionConfiguration")).get(0), "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        assertFalse(props.containsKey("VersioningConfiguration"), props.toString());
        // and mail under inbound/ expires after 7 days while stale multipart uploads are aborted after one
        List<Object> rules = TemplateJson.list(TemplateJson.path(props, "LifecycleConfiguration", "Rules"));
        assertTrue(rules.contains(Map.of("Id", "expire-raw-mail", "Prefix", "inbound/", "ExpirationInDays", 7,
                "Status", "Enabled")), rules.toString());
        assertTrue(rules.contains(Map.of("Id", "abort-incomplete-uploads", "Status", "Enabled",
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))), rules.toString());
    }

    @Test
    void onlySesForOurRuleInThisAccountMayWriteRawMailAndOnlyOverTls() {
        // GIVEN the raw-mail bucket's policy
        List<Map<String, Object>> statements = bucketPolicyStatements();
        String objects = "{}/*";
        // WHEN we read its statements
        // THEN requests without TLS are denied,
        assertTrue(statements.stream().anyMatch(s -> "Deny".equals(s.get("Effect"))
                && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(s.get("Condition"))), statements.toString());
        // SES may put objects under inbound/ only on behalf of this account,
        Map<String, Object> allow = onlyOne(statements, s -> "Allow".equals(s.get("Effect")));
        assertEquals(Map.of("Service", "ses.amazonaws.com"), allow.get("Principal"));
        assertEquals("s3:PutObject", allow.get("Action"));
        assertEquals("{}/inbound/*", TemplateJson.literalText(allow.get("Resource")));
        assertEquals(Map.of("StringEquals", Map.of("aws:SourceAccount", ACCOUNT)), allow.get("Condition"));
        // and any SES put that does not come from our receipt rule is denied, wherever in the bucket it aims
        Map<String, Object> onlyOurRule = onlyOne(statements, s -> "Deny".equals(s.get("Effect"))
                && Map.of("Service", "ses.amazonaws.com").equals(s.get("Principal")));
        assertEquals("s3:PutObject", onlyOurRule.get("Action"));
        assertEquals(objects, TemplateJson.literalText(onlyOurRule.get("Resource")));
        assertEquals(Map.of("StringNotEquals", Map.of("aws:SourceArn", ruleArn())), onlyOurRule.get("Condition"));
    }

    @Test
    void ruleTakesMailForTheDomainAndEverySubdomainOverTlsWithSpamAndVirusScans() {
        // GIVEN cdk.json's trackingAddressDomain
        // WHEN we read the receipt rule
        Map<String, Object> rule = TemplateJson.map(TemplateJson.path(onlyResource("AWS::SES::ReceiptRule"),
                "Properties", "Rule"));
        // THEN it matches the domain (read receipts) and ".domain" (bob@example.com.t.glint.example), scans and
        // refuses mail sent without TLS, under the name the bucket policy and invoke permission trust
        assertEquals(List.of(DOMAIN, "." + DOMAIN), rule.get("Recipients"));
        assertEquals(true, rule.get("Enabled"));
        assertEquals(true, rule.get("ScanEnabled"));
        assertEquals("Require", rule.get("TlsPolicy"));
        assertEquals(RULE, rule.get("Name"));
        template.hasResourceProperties("AWS::SES::ReceiptRuleSet", Map.of("RuleSetName", RULE_SET));
    }

    @Test
    void ruleStoresTheRawMailThenInvokesTheRelayWithoutWaitingForIt() {
        // GIVEN the receipt rule
        Map<String, Object> resource = onlyResource("AWS::SES::ReceiptRule");
        // WHEN we read its actions
        Object actions = TemplateJson.path(resource, "Properties", "Rule", "Actions");
        // THEN it first writes the MIME to the bucket under inbound/, then invokes the relay asynchronously
        assertEquals(List.of(
                Map.of("S3Action", Map.of("BucketName", Map.of("Ref", bucket), "ObjectKeyPrefix", "inbound/")),
                Map.of("LambdaAction", Map.of("FunctionArn", Map.of("Fn::GetAtt", List.of("InboundFunction", "Arn")),
                        "InvocationType", "Event"))), actions);
        // and it is created only after SES may do both (SES tests its permissions when the rule is created)
        String permission = onlyId("AWS::Lambda::Permission", p -> "ses.amazonaws.com".equals(
                TemplateJson.properties(p).get("Principal")));
        String policy = onlyId("AWS::S3::BucketPolicy", InboundMailTest::ofTheRawMailBucket);
        assertTrue(TemplateJson.list(resource.get("DependsOn")).containsAll(List.of(permission, policy)),
                String.valueOf(resource.get("DependsOn")));
    }

    @Test
    void onlySesForOurRuleInThisAccountMayInvokeTheRelay() {
        // GIVEN the synthesized stack
        // WHEN we collect the invoke permissions on the relay
        List<Map<String, Object>> permissions = new ArrayList<>();
        template.findResources("AWS::Lambda::Permission").values().stream().map(TemplateJson::properties)
                .filter(p -> Set.of(Map.of("Ref", "InboundFunction"), getAtt("InboundFunction"))
                        .contains(p.get("FunctionName")))
                .forEach(permissions::add);
        // THEN there is one, for SES, from this account and our receipt rule only
        assertEquals(1, permissions.size(), permissions.toString());
        assertEquals(Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Fn::GetAtt", List.of("InboundFunction", "Arn")),
                "Principal", "ses.amazonaws.com",
                "SourceAccount", ACCOUNT,
                "SourceArn", ruleArn()), permissions.get(0));
    }

    @Test
    void relayMayDoExactlyWhatItNeedsOnExactlyItsResources() {
        // GIVEN the relay's role
        String role = TemplateJson.getAttTarget(function().get("Role"));
        // WHEN we read every statement attached to it
        Set<Map<String, Object>> actual = new HashSet<>();
        template.findResources("AWS::IAM::Policy").values().stream().map(TemplateJson::properties)
                .filter(p -> TemplateJson.list(p.get("Roles")).contains(Map.of("Ref", role)))
                .forEach(p -> TemplateJson.list(TemplateJson.map(p.get("PolicyDocument")).get("Statement"))
                        .forEach(s -> actual.add(normalized(TemplateJson.map(s)))));
        // THEN they are these six, and only the SES identity is a pattern: the relay sends as each registered
        // sender, so it may use any identity verified in this account and region, through our configuration set
        String main = TemplateJson.refTarget(TemplateJson.path(function(), "Environment", "Variables", "GLINT_MAIN_TABLE"));
        String events = TemplateJson.refTarget(
                TemplateJson.path(function(), "Environment", "Variables", "GLINT_EVENTS_TABLE"));
        String configurationSet = onlyId("AWS::SES::ConfigurationSet");
        Set<Map<String, Object>> expected = Set.of(
                statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        getAtt(TemplateJson.refTarget(TemplateJson.path(function(), "LoggingConfig", "LogGroup")))),
                statement(List.of("s3:GetObject"), join(getAtt(bucket), "/inbound/*")),
                statement(InboundMail.TABLE_ACTIONS, getAtt(main), getAtt(events),
                        join(getAtt(main), "/index/*"), join(getAtt(events), "/index/*")),
                statement(List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"),
                        Map.of("Ref", onlyId("AWS::SecretsManager::Secret"))),
                statement(List.of("ses:SendEmail", "ses:SendRawEmail"),
                        sesArn(":identity/*"), sesArn(":configuration-set/", Map.of("Ref", configurationSet))),
                statement(List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"), getAtt(queue)),
                // senders who want links: their attachments are stored and checked like uploads
                statement(Attachments.RELAY_OBJECT_ACTIONS.stream().sorted().toList(),
                        join(getAtt(TemplateJson.refTarget(TemplateJson.path(function(), "Environment", "Variables",
                                "GLINT_ATTACHMENTS_BUCKET"))), "/attachments/*")));
        assertEquals(expected, actual);
        // and the five table actions are the ones the relay's contract names, no Scan, no DeleteItem
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
                "dynamodb:BatchWriteItem"), Set.copyOf(InboundMail.TABLE_ACTIONS));
    }

    @Test
    void relayIsConfiguredWithItsBucketPrefixSizeLimitAndDomain() {
        // GIVEN the relay function
        Map<String, Object> variables = TemplateJson.map(TemplateJson.path(function(), "Environment", "Variables"));
        // WHEN we read the inbound settings of its environment
        // THEN they name the bucket, the prefix SES writes under, 25 MiB and the tracking-address domain
        assertEquals(Map.of("Ref", bucket), variables.get("GLINT_INBOUND_BUCKET"));
        assertEquals("inbound/", variables.get("GLINT_INBOUND_PREFIX"));
        assertEquals("26214400", variables.get("GLINT_INBOUND_MAX_BYTES"));
        assertEquals(DOMAIN, variables.get("GLINT_TRACKING_ADDRESS_DOMAIN"));
        assertEquals("dev.glint.inbound.InboundHandler::handleRequest", function().get("Handler"));
        assertFalse(function().containsKey("SnapStart"), "a mail relay's cold start delays no one");
    }

    @Test
    void aRelayThatFailsItsRetriesWaitsInAnEncryptedQueueThatAlarms() {
        // GIVEN the relay's asynchronous invocation settings
        Map<String, Object> config = TemplateJson.properties(onlyResource("AWS::Lambda::EventInvokeConfig"));
        // WHEN we read them
        // THEN the $LATEST function retries twice, keeps a throttled event for six hours, then sends it to a queue
        assertEquals(Map.of("Ref", "InboundFunction"), config.get("FunctionName"));
        assertEquals("$LATEST", config.get("Qualifier"));
        assertEquals(2, ((Number) config.get("MaximumRetryAttempts")).intValue());
        assertEquals(6 * 3600, ((Number) config.get("MaximumEventAgeInSeconds")).intValue());
        Map<String, Object> failed = TemplateJson.properties(TemplateJson.map(resources.get(queue)));
        assertEquals(true, failed.get("SqsManagedSseEnabled"));
        assertEquals(14 * 24 * 3600, ((Number) failed.get("MessageRetentionPeriod")).intValue());
        // that alarms on its first message, and an alarm fires if even that hand-over fails
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
                "ComparisonOperator", "GreaterThanThreshold", "Threshold", 0));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "DestinationDeliveryFailures",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "InboundFunction"))),
                "ComparisonOperator", "GreaterThanThreshold", "Threshold", 0));
    }

    @Test
    void outputsNameTheBucketRuleSetFunctionAndTheMxRecordToPublish() {
        // GIVEN the synthesized stack
        Map<String, Object> outputs = TemplateJson.map(template.toJSON().get("Outputs"));
        // WHEN we read its inbound outputs
        // THEN they name what operators look for, and the MX record points at SES's inbound endpoint of the region
        assertEquals(Map.of("Ref", bucket), TemplateJson.path(outputs, "InboundBucketName", "Value"));
        assertEquals(Map.of("Ref", onlyId("AWS::SES::ReceiptRuleSet")),
                TemplateJson.path(outputs, "ReceiptRuleSetName", "Value"));
        assertEquals(Map.of("Ref", "InboundFunction"), TemplateJson.path(outputs, "InboundFunctionName", "Value"));
        assertEquals(Map.of("Fn::Join", List.of("", List.of("10 inbound-smtp.", Map.of("Ref", "AWS::Region"),
                ".amazonaws.com"))), TemplateJson.path(outputs, "InboundMxRecord", "Value"));
        assertEquals("Publish as the MX record of t.glint.example and *.t.glint.example",
                TemplateJson.path(outputs, "InboundMxRecord", "Description"));
    }

    @Test
    void anotherTrackingAddressDomainChangesTheRuleAndTheRelayTogether() {
        // GIVEN a deployment with its own tracking-address domain
        Template other = GlintTemplates.synthesize(Map.of("trackingAddressDomain", "Track.Example.ORG")).template();
        // WHEN we read its receipt rule and relay
        Map<String, Object> rule = TemplateJson.map(TemplateJson.path(
                other.findResources("AWS::SES::ReceiptRule").values().iterator().next(), "Properties", "Rule"));
        Object variable = TemplateJson.path(TemplateJson.resources(other).get("InboundFunction"),
                "Properties", "Environment", "Variables", "GLINT_TRACKING_ADDRESS_DOMAIN");
        // THEN both use that domain, lower-cased
        assertEquals(List.of("track.example.org", ".track.example.org"), rule.get("Recipients"));
        assertEquals("track.example.org", variable);
    }

    private static Map<String, Object> function() {
        return TemplateJson.properties(TemplateJson.map(resources.get("InboundFunction")));
    }

    private static List<Map<String, Object>> bucketPolicyStatements() {
        Map<String, Object> props = TemplateJson.properties(TemplateJson.map(
                resources.get(onlyId("AWS::S3::BucketPolicy", InboundMailTest::ofTheRawMailBucket))));
        assertEquals(Map.of("Ref", bucket), props.get("Bucket"));
        List<Map<String, Object>> statements = new ArrayList<>();
        TemplateJson.list(TemplateJson.path(props, "PolicyDocument", "Statement"))
                .forEach(s -> statements.add(TemplateJson.map(s)));
        return statements;
    }

    private static boolean ofTheRawMailBucket(Map<String, Object> policy) {
        return Map.of("Ref", bucket).equals(TemplateJson.properties(policy).get("Bucket"));
    }

    /** arn:{partition}:ses:{region}:{account}:receipt-rule-set/<set>:receipt-rule/<rule>, as CDK renders it. */
    private static Map<String, Object> ruleArn() {
        return sesArn(":receipt-rule-set/" + RULE_SET + ":receipt-rule/" + RULE);
    }

    private static Map<String, Object> sesArn(Object... tail) {
        List<Object> parts = new ArrayList<>(List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ses:",
                Map.of("Ref", "AWS::Region"), ":", ACCOUNT));
        parts.addAll(List.of(tail));
        return Map.of("Fn::Join", List.of("", parts));
    }





    private static Map<String, Object> onlyOne(List<Map<String, Object>> statements,
                                               Predicate<Map<String, Object>> which) {
        List<Map<String, Object>> matching = statements.stream().filter(which).toList();
        assertEquals(1, matching.size(), matching.toString());
        return matching.get(0);
    }

    private static Map<String, Object> onlyResource(String type) {
        return TemplateJson.map(resources.get(onlyId(type)));
    }

    private static String onlyId(String type) {
        return onlyId(type, r -> true);
    }

    private static String onlyId(String type, Predicate<Map<String, Object>> which) {
        List<String> ids = template.findResources(type).entrySet().stream()
                .filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).toList();
        assertEquals(1, ids.size(), type + ": " + ids);
        return ids.get(0);
    }
}
