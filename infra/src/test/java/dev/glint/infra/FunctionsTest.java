package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The four functions: runtime, sizing, configuration, logs, alarms and how they are invoked. */
class FunctionsTest {
    private static final Map<String, String> HANDLERS = Map.of(
            "TrackFunction", "dev.glint.track.TrackHitHandler::handleRequest",
            "WorkerFunction", "dev.glint.worker.ProcessHitsHandler::handleRequest",
            "ApiFunction", "dev.glint.api.ApiHandler::handleRequest",
            "InboundFunction", "dev.glint.inbound.InboundHandler::handleRequest",
            "AttachmentsFunction", "dev.glint.attachments.AttachmentAccessHandler::handleRequest");
    private static Template template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
        resources = TemplateJson.resources(template);
    }

    @Test
    void everyFunctionIsJava21OnArm64WithItsHandlerAndTimeout() {
        // GIVEN the expected timeouts: hits answer fast, the API fits API Gateway's 30 s, the worker drains a batch,
        // the relay parses up to 25 MiB of MIME and sends one copy per recipient, attachment links only presign
        Map<String, Integer> timeouts = Map.of(
                "TrackFunction", 10, "WorkerFunction", 30, "ApiFunction", 29, "InboundFunction", 60,
                "AttachmentsFunction", 10);
        // WHEN we read each function
        // THEN each has its handler, Java 21 on arm64, 1024 MiB and its timeout
        assertEquals(5, template.findResources("AWS::Lambda::Function").size());
        HANDLERS.forEach((id, handler) -> {
            Map<String, Object> props = function(id);
            assertEquals(handler, props.get("Handler"), id);
            assertEquals("java21", props.get("Runtime"), id);
            assertEquals(List.of("arm64"), props.get("Architectures"), id);
            assertEquals(1024, ((Number) props.get("MemorySize")).intValue(), id);
            assertEquals(timeouts.get(id), ((Number) props.get("Timeout")).intValue(), id);
        });
    }

    @Test
    void everyFunctionGetsExactlyTheConfigurationItReads() {
        // GIVEN the variables each function's configuration record reads
        Map<String, Set<String>> expected = Map.of(
                "TrackFunction", Set.of("GLINT_HITS_QUEUE_URL", "GLINT_TOKEN_KEYS_SECRET"),
                "WorkerFunction", Set.of("GLINT_MAIN_TABLE", "GLINT_EVENTS_TABLE"),
                "ApiFunction", Set.of("GLINT_MAIN_TABLE", "GLINT_EVENTS_TABLE", "GLINT_TOKEN_KEYS_SECRET",
                        "GLINT_TRACKING_BASE_URL", "GLINT_SES_CONFIGURATION_SET", "GLINT_ATTACHMENTS_BUCKET",
                        "GLINT_ATTACHMENT_MAX_BYTES"),
                "AttachmentsFunction", Set.of("GLINT_MAIN_TABLE", "GLINT_HITS_QUEUE_URL", "GLINT_TOKEN_KEYS_SECRET",
                        "GLINT_ATTACHMENTS_BUCKET", "GLINT_ATTACHMENT_URL_SECONDS"),
                "InboundFunction", Set.of("GLINT_MAIN_TABLE", "GLINT_EVENTS_TABLE", "GLINT_TOKEN_KEYS_SECRET",
                        "GLINT_TRACKING_BASE_URL", "GLINT_SES_CONFIGURATION_SET", "GLINT_TRACKING_ADDRESS_DOMAIN",
                        "GLINT_INBOUND_BUCKET", "GLINT_INBOUND_PREFIX", "GLINT_INBOUND_MAX_BYTES", "GLINT_ATTACHMENTS_BUCKET"));
        // WHEN we read each function's environment
        // THEN it holds those variables and no others
        expected.forEach((id, names) -> assertEquals(new TreeSet<>(names),
                new TreeSet<>(TemplateJson.map(TemplateJson.path(function(id), "Environment", "Variables")).keySet()), id));
    }

    @Test
    void tokenKeysVariableNamesTheKeyringSecret() {
        // GIVEN the secret holding the token keyring
        String secret = template.findResources("AWS::SecretsManager::Secret").keySet().iterator().next();
        // WHEN we read GLINT_TOKEN_KEYS_SECRET of the functions that open or mint tokens
        // THEN it is that secret's ARN (its Ref)
        for (String id : List.of("TrackFunction", "ApiFunction", "InboundFunction", "AttachmentsFunction")) {
            assertEquals(Map.of("Ref", secret),
                    TemplateJson.path(function(id), "Environment", "Variables", "GLINT_TOKEN_KEYS_SECRET"), id);
        }
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroupWithRetention() {
        // GIVEN the synthesized stack
        // WHEN we follow each function's logging configuration to its log group
        Set<String> groups = new TreeSet<>();
        for (String id : HANDLERS.keySet()) {
            String group = TemplateJson.refTarget(TemplateJson.path(function(id), "LoggingConfig", "LogGroup"));
            groups.add(group);
            Map<String, Object> logGroup = TemplateJson.map(resources.get(group));
            // THEN it is a log group of this stack that keeps logs 30 days
            assertEquals("AWS::Logs::LogGroup", logGroup.get("Type"), id);
            assertEquals(30, ((Number) TemplateJson.properties(logGroup).get("RetentionInDays")).intValue(), id);
        }
        assertEquals(5, groups.size(), "one log group per function");
    }

    @Test
    void workerConsumesHitsInBatchesOfTenReportingItemFailures() {
        // GIVEN the hits queue
        String hitsQueue = template.findResources("AWS::SQS::Queue").entrySet().stream()
                .filter(e -> TemplateJson.properties(e.getValue()).containsKey("RedrivePolicy"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        // WHEN we look for the worker's event source mapping
        // THEN it reads that queue ten messages at a time and retries only the failed items
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "FunctionName", Map.of("Ref", "WorkerFunction"),
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(hitsQueue, "Arn")),
                "BatchSize", 10,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
    }

    @Test
    void functionsBehindApiGatewayServeSnapStartVersionsThroughAnAlias() {
        // GIVEN the three functions behind API Gateway
        for (String id : List.of("TrackFunction", "ApiFunction", "AttachmentsFunction")) {
            // WHEN we read their SnapStart setting and look for their alias
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), function(id).get("SnapStart"), id);
            // THEN a "live" alias points at a published version of each
            template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "FunctionName", Map.of("Ref", id), "Name", "live",
                    "FunctionVersion", Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version")))));
        }
    }

    @Test
    void everyFunctionAlarmsOnErrorsAndThrottles() {
        // GIVEN the synthesized stack
        for (String id : HANDLERS.keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                // WHEN we look for an alarm on the function's metric
                // THEN one fires on the first occurrence in five minutes
                template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                        "Namespace", "AWS/Lambda", "MetricName", metric,
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", id))),
                        "Threshold", 1, "Period", 300));
            }
        }
    }

    @Test
    void synthesisReportsNoWarningsOrErrors() {
        // GIVEN the synthesized stack
        Annotations annotations = Annotations.fromStack(GlintTemplates.defaults().stack());
        // WHEN we read its annotations
        // THEN nothing was warned about or rejected
        assertEquals(List.of(), annotations.findWarning("*", Match.anyValue()), "warnings");
        assertEquals(List.of(), annotations.findError("*", Match.anyValue()), "errors");
    }

    private static Map<String, Object> function(String logicalId) {
        return TemplateJson.properties(TemplateJson.map(resources.get(logicalId)));
    }
}
