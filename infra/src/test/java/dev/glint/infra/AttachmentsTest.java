package dev.glint.infra;

import static dev.glint.infra.TemplateJson.getAtt;
import static dev.glint.infra.TemplateJson.join;
import static dev.glint.infra.TemplateJson.normalized;
import static dev.glint.infra.TemplateJson.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Tracked attachments: a private bucket reached only through presigned URLs, the function behind recipients'
 * links, the api's upload rights, and the Office converter only when asked for.
 */
class AttachmentsTest {
    private static final String OBJECTS = "/attachments/*";
    private static Template template;
    private static Map<String, Object> resources;
    private static String bucket;
    private static String mainTable;

    /** The stack with Office conversion on: one more synthesis, shared by the tests that need it. */
    private static GlintTemplates.Synthesized converting;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
        resources = TemplateJson.resources(template);
        bucket = TemplateJson.refTarget(variable(template, "AttachmentsFunction", "GLINT_ATTACHMENTS_BUCKET"));
        mainTable = TemplateJson.refTarget(variable(template, "AttachmentsFunction", "GLINT_MAIN_TABLE"));
        converting = GlintTemplates.synthesize(Map.of("officeConversion", "true"));
    }

    @Test
    void bucketIsPrivateEncryptedTlsOnlyUnversionedAndDropsStaleUploads() {
        // GIVEN the attachments bucket
        Map<String, Object> props = TemplateJson.properties(TemplateJson.map(resources.get(bucket)));
        // WHEN we read its settings
        // THEN public access is blocked four ways, ACLs are off, objects are encrypted with S3-managed keys,
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), props.get("PublicAccessBlockConfiguration"));
        assertEquals("BucketOwnerEnforced", TemplateJson.path(TemplateJson.list(
                TemplateJson.path(props, "OwnershipControls", "Rules")).get(0), "ObjectOwnership"));
        assertEquals("AES256", TemplateJson.path(TemplateJson.list(TemplateJson.path(props, "BucketEncryption",
                "ServerSideEncryptionConfiguration")).get(0), "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        // no old versions outlive a delete, and multipart uploads never completed are aborted after a day
        assertFalse(props.containsKey("VersioningConfiguration"), props.toString());
        assertEquals(List.of(Map.of("Id", "abort-incomplete-uploads", "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))),
                TemplateJson.path(props, "LifecycleConfiguration", "Rules"));
        // and the files outlive the stack, like the tables
        assertEquals("Retain", TemplateJson.map(resources.get(bucket)).get("DeletionPolicy"));
    }

    @Test
    void bucketPolicyOnlyRefusesRequestsWithoutTls() {
        // GIVEN the attachments bucket's policy
        Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy",
                Map.of("Properties", Map.of("Bucket", Map.of("Ref", bucket))));
        assertEquals(1, policies.size(), policies.keySet().toString());
        List<Object> statements = TemplateJson.list(TemplateJson.path(
                policies.values().iterator().next(), "Properties", "PolicyDocument", "Statement"));
        // WHEN we read its statements
        // THEN there is one: a Deny of every request not over TLS (no Allow: nobody reads it but through roles)
        assertEquals(1, statements.size(), statements.toString());
        Map<String, Object> deny = TemplateJson.map(statements.get(0));
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), deny.get("Condition"));
    }

    @Test
    void browsersMayPutPresignedUploadsAndTheViewerMayReadRanges() {
        // GIVEN the bucket's CORS rules
        List<Object> rules = TemplateJson.list(TemplateJson.path(
                TemplateJson.map(resources.get(bucket)), "Properties", "CorsConfiguration", "CorsRules"));
        // WHEN we read them
        // THEN uploads are PUTs from the configured origin (any, by default) that may read the part's ETag,
        assertTrue(rules.contains(Map.of("Id", "presigned-uploads", "AllowedMethods", List.of("PUT"),
                "AllowedOrigins", List.of("*"), "AllowedHeaders", List.of("*"), "ExposedHeaders", List.of("ETag"),
                "MaxAge", 3600)), rules.toString());
        // and reads are GET/HEAD from anywhere with Range, since a redirected request carries "Origin: null"
        assertTrue(rules.contains(Map.of("Id", "viewer-reads", "AllowedMethods", List.of("GET", "HEAD"),
                "AllowedOrigins", List.of("*"), "AllowedHeaders", List.of("Range"),
                "ExposedHeaders", List.of("Accept-Ranges", "Content-Range", "Content-Length", "ETag"),
                "MaxAge", 3600)), rules.toString());
        assertEquals(2, rules.size(), rules.toString());
    }

    @Test
    void anUploadOriginNarrowsUploadsButNotViewerReads() {
        // GIVEN a deployment whose dashboard has its own origin
        Template narrowed = GlintTemplates.synthesize(Map.of("uploadOrigin", "https://app.glint.example/")).template();
        // WHEN we read the bucket's CORS rules
        Map<String, Object> rules = new HashMap<>();
        narrowed.findResources("AWS::S3::Bucket").values().forEach(b -> {
            Object cors = TemplateJson.properties(b).get("CorsConfiguration");
            if (cors != null) {
                TemplateJson.list(TemplateJson.map(cors).get("CorsRules")).forEach(r -> rules.put(
                        String.valueOf(TemplateJson.map(r).get("Id")), TemplateJson.map(r).get("AllowedOrigins")));
            }
        });
        // THEN uploads come only from that origin (without the trailing slash) and reads from anywhere
        assertEquals(Map.of("presigned-uploads", List.of("https://app.glint.example"), "viewer-reads", List.of("*")),
                rules);
    }

    @Test
    void recipientsLinksViewerBeaconsAndAssetsReachTheAttachmentsFunction() {
        // GIVEN the synthesized stack
        for (String routeKey : List.of("GET /a/{token}", "HEAD /a/{token}", "GET /a/{token}/file",
                "POST /a/{token}/beacons", "GET /a/assets/{name}")) {
            // WHEN we follow the route to its integration
            // THEN it invokes the attachments function's live alias (SnapStart) through a v2 proxy integration
            assertEquals("AttachmentsFunction", TrackingApiTest.functionBehind(template, routeKey), routeKey);
        }
        // and nothing else under /a/ is routed (a file is never reached by another method)
        long routes = template.findResources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> String.valueOf(TemplateJson.properties(r).get("RouteKey")))
                .filter(k -> k.contains(" /a/")).count();
        assertEquals(5, routes);
    }

    @Test
    void attachmentsFunctionIsConfiguredForTwoMinuteUrls() {
        // GIVEN the attachments function
        Map<String, Object> variables = TemplateJson.map(TemplateJson.path(
                resources.get("AttachmentsFunction"), "Properties", "Environment", "Variables"));
        // WHEN we read its environment
        // THEN it names the main table, the hits queue, the keyring and the bucket, and signs URLs for 120 s
        assertEquals(Map.of("Ref", bucket), variables.get("GLINT_ATTACHMENTS_BUCKET"));
        assertEquals(Map.of("Ref", hitsQueue()), variables.get("GLINT_HITS_QUEUE_URL"));
        assertEquals(Map.of("Ref", onlyId(template, "AWS::SecretsManager::Secret")),
                variables.get("GLINT_TOKEN_KEYS_SECRET"));
        assertEquals("120", variables.get("GLINT_ATTACHMENT_URL_SECONDS"));
        assertEquals(1024, ((Number) TemplateJson.path(resources.get("AttachmentsFunction"), "Properties",
                "MemorySize")).intValue());
    }

    @Test
    void attachmentsFunctionMayReadObjectsAndItsTableOpenTokensAndReportHitsAndNothingElse() {
        // GIVEN the attachments function's role
        // WHEN we collect its policy statements
        Set<Map<String, Object>> actual = statementsOf(template, "AttachmentsFunction");
        // THEN it may read objects under attachments/ (what its presigned URLs carry), get items of the main table
        // (no index, no write), send to the hits queue, read the keyring, and write its own logs
        Set<Map<String, Object>> expected = Set.of(
                logs(template, "AttachmentsFunction"),
                statement(List.of("s3:GetObject"), join(getAtt(bucket), OBJECTS)),
                statement(List.of("dynamodb:GetItem"), getAtt(mainTable)),
                statement(List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"), getAtt(hitsQueue())),
                statement(List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"),
                        Map.of("Ref", onlyId(template, "AWS::SecretsManager::Secret"))));
        assertEquals(expected, actual);
    }

    @Test
    void apiMayPresignUploadsCheckAndDeleteThemButNotListTheBucket() {
        // GIVEN the api function's role
        // WHEN we pick its statements on the attachments bucket
        Set<Map<String, Object>> onBucket = new HashSet<>();
        for (Map<String, Object> s : statementsOf(template, "ApiFunction")) {
            if (String.valueOf(s.get("Resource")).contains(bucket)) {
                onBucket.add(s);
            }
        }
        // THEN there is one, on objects under attachments/ only: single and multipart uploads, reads, deletes
        assertEquals(Set.of(statement(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject",
                "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), join(getAtt(bucket), OBJECTS))), onBucket);
        // and its configuration names the bucket and the 100 MiB limit; without a converter it names none
        Map<String, Object> variables = TemplateJson.map(TemplateJson.path(
                resources.get("ApiFunction"), "Properties", "Environment", "Variables"));
        assertEquals(Map.of("Ref", bucket), variables.get("GLINT_ATTACHMENTS_BUCKET"));
        assertEquals("104857600", variables.get("GLINT_ATTACHMENT_MAX_BYTES"));
        assertFalse(variables.containsKey("GLINT_CONVERTER_FUNCTION"), variables.toString());
        assertFalse(LeastPrivilegeTest.actionsOf(template, "ApiFunction").contains("lambda:InvokeFunction"));
    }

    @Test
    void noRoleMayListTheAttachmentsBucket() {
        // GIVEN every role's actions in both stacks
        for (Template t : List.of(template, converting.template())) {
            for (String function : t.findResources("AWS::Lambda::Function").keySet()) {
                // WHEN we look for bucket-level reads
                // THEN no function may list or read the bucket's configuration (files are found through the table)
                Set<String> actions = LeastPrivilegeTest.actionsOf(t, function);
                assertTrue(actions.stream().noneMatch(a -> a.startsWith("s3:List") && !a.equals("s3:ListMultipartUploadParts")
                        || a.startsWith("s3:GetBucket")), function + " " + actions);
            }
        }
    }

    @Test
    void withoutOfficeConversionThereIsNoConverterAndNoImage() {
        // GIVEN cdk.json, which leaves officeConversion off
        // WHEN we look for the converter
        // THEN there is no converter function, no container image asset and no converter output
        assertFalse(resources.containsKey("ConverterFunction"));
        assertTrue(template.findResources("AWS::Lambda::Function", Map.of("Properties",
                Map.of("PackageType", "Image"))).isEmpty());
        Map<String, Object> outputs = TemplateJson.map(template.toJSON().get("Outputs"));
        assertFalse(outputs.containsKey("ConverterFunctionName"), outputs.keySet().toString());
        assertEquals(Map.of("Ref", bucket), TemplateJson.path(outputs, "AttachmentsBucketName", "Value"));
        assertEquals(Map.of("Ref", "AttachmentsFunction"), TemplateJson.path(outputs, "AttachmentsFunctionName", "Value"));
    }

    @Test
    void officeConversionAddsAnArm64ImageFunctionSizedForLibreOffice() {
        // GIVEN the stack with -c officeConversion=true
        Template t = converting.template();
        // WHEN we read the converter
        Map<String, Object> props = TemplateJson.properties(TemplateJson.map(TemplateJson.resources(t).get("ConverterFunction")));
        // THEN it is a container image for arm64 with 3008 MiB, 2 GiB of /tmp and two minutes,
        assertEquals("Image", props.get("PackageType"));
        assertFalse(props.containsKey("Runtime") || props.containsKey("Handler"), props.toString());
        assertTrue(props.containsKey("Code") && TemplateJson.map(props.get("Code")).containsKey("ImageUri"));
        assertEquals(List.of("arm64"), props.get("Architectures"));
        assertEquals(3008, ((Number) props.get("MemorySize")).intValue());
        assertEquals(Map.of("Size", 2048), props.get("EphemeralStorage"));
        assertEquals(120, ((Number) props.get("Timeout")).intValue());
        assertFalse(props.containsKey("SnapStart"), props.toString());
        // reading the main table and writing previews into the bucket,
        assertEquals(Set.of("GLINT_MAIN_TABLE", "GLINT_ATTACHMENTS_BUCKET"),
                TemplateJson.map(TemplateJson.path(props, "Environment", "Variables")).keySet());
        // invoked asynchronously by the api with one retry, and alarmed like every function
        t.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", "ConverterFunction"), "MaximumRetryAttempts", 1));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "ConverterFunction")))));
        t.hasOutput("ConverterFunctionName", Map.of("Value", Map.of("Ref", "ConverterFunction")));
    }

    @Test
    void converterMayReadOriginalsWritePreviewsAndUpdateTheAttachmentOnly() {
        // GIVEN the converter's role in the stack with Office conversion
        Template t = converting.template();
        String tBucket = TemplateJson.refTarget(variable(t, "ConverterFunction", "GLINT_ATTACHMENTS_BUCKET"));
        String tMain = TemplateJson.refTarget(variable(t, "ConverterFunction", "GLINT_MAIN_TABLE"));
        // WHEN we collect its policy statements
        Set<Map<String, Object>> actual = statementsOf(t, "ConverterFunction");
        // THEN it may get and put objects under attachments/, get and (conditionally) put items of the main table,
        // and write its own logs: no queue, no keyring, no ECR rights (Lambda pulls the image with the deployer's)
        assertEquals(Set.of(
                logs(t, "ConverterFunction"),
                statement(List.of("s3:GetObject", "s3:PutObject"), join(getAtt(tBucket), OBJECTS)),
                statement(List.of("dynamodb:GetItem", "dynamodb:PutItem"), getAtt(tMain))), actual);
    }

    @Test
    void withOfficeConversionTheApiMayInvokeTheConverterAndNothingElse() {
        // GIVEN the stack with Office conversion
        Template t = converting.template();
        // WHEN we read the api's configuration and its lambda statements
        Object name = variable(t, "ApiFunction", "GLINT_CONVERTER_FUNCTION");
        Set<Map<String, Object>> invoke = new HashSet<>();
        statementsOf(t, "ApiFunction").stream()
                .filter(s -> String.valueOf(s.get("Action")).contains("lambda:")).forEach(invoke::add);
        // THEN it names the converter and may invoke exactly that function (no versions, no other function)
        assertEquals(Map.of("Ref", "ConverterFunction"), name);
        assertEquals(Set.of(statement(List.of("lambda:InvokeFunction"), getAtt("ConverterFunction"))), invoke);
    }

    @Test
    void officeConversionSynthesizesOfflineStagingOnlyTheDockerfile() throws IOException {
        // GIVEN the stack with Office conversion, synthesized without Docker
        // WHEN we read its annotations, the converter's image and the asset manifest
        Annotations annotations = Annotations.fromStack(converting.stack());
        String uri = String.valueOf(TemplateJson.path(TemplateJson.resources(converting.template())
                .get("ConverterFunction"), "Properties", "Code", "ImageUri", "Fn::Sub"));
        String hash = uri.substring(uri.lastIndexOf(':') + 1);
        Path outdir = Path.of(Stage.of(converting.stack()).getOutdir());
        Map<String, Object> assets = new ObjectMapper().readValue(
                outdir.resolve("GlintStack.assets.json").toFile(), new TypeReference<Map<String, Object>>() {});
        // THEN nothing was warned about; the image is one cdk deploy builds for arm64 and pushes to the bootstrap
        // repository, from a copy of functions/converter that holds only what .dockerignore lets in
        assertEquals(List.of(), annotations.findWarning("*", Match.anyValue()), "warnings");
        assertEquals(List.of(), annotations.findError("*", Match.anyValue()), "errors");
        assertTrue(uri.contains(".dkr.ecr.") && uri.contains("/cdk-hnb659fds-container-assets-"), uri);
        assertEquals("linux/arm64", TemplateJson.path(assets, "dockerImages", hash, "source", "platform"));
        try (Stream<Path> staged = Files.list(outdir.resolve("asset." + hash))) {
            Set<String> names = new TreeSet<>();
            staged.forEach(p -> names.add(p.getFileName().toString()));
            names.remove("target");   // present when the converter jar has been built
            assertEquals(Set.of(".dockerignore", "Dockerfile"), names);
        }
    }

    private static Object variable(Template t, String function, String name) {
        return TemplateJson.path(TemplateJson.resources(t).get(function), "Properties", "Environment", "Variables", name);
    }

    private static String hitsQueue() {
        return template.findResources("AWS::SQS::Queue").entrySet().stream()
                .filter(e -> TemplateJson.properties(e.getValue()).containsKey("RedrivePolicy"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static String onlyId(Template t, String type) {
        Set<String> ids = t.findResources(type).keySet();
        assertEquals(1, ids.size(), type + ": " + ids);
        return ids.iterator().next();
    }

    /** The statements of the policies attached to the role of the function with this logical id, normalized. */
    private static Set<Map<String, Object>> statementsOf(Template t, String functionLogicalId) {
        String role = TemplateJson.getAttTarget(
                TemplateJson.path(TemplateJson.resources(t).get(functionLogicalId), "Properties", "Role"));
        Set<Map<String, Object>> statements = new HashSet<>();
        t.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> props = TemplateJson.properties(policy);
            if (TemplateJson.list(props.get("Roles")).contains(Map.of("Ref", role))) {
                TemplateJson.list(TemplateJson.path(props, "PolicyDocument", "Statement"))
                        .forEach(s -> statements.add(normalized(TemplateJson.map(s))));
            }
        });
        return statements;
    }

    private static Map<String, Object> logs(Template t, String function) {
        return statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt(TemplateJson.refTarget(
                TemplateJson.path(TemplateJson.resources(t).get(function), "Properties", "LoggingConfig", "LogGroup"))));
    }




}
