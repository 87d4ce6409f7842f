package dev.glint.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Handler;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Tracked attachments: a private bucket of senders' files, the function behind recipients' links ({@code /a/...}:
 * checks the token, answers with a short presigned URL or the viewer, takes the viewer's beacons) and, when Office
 * conversion is on, the container-image function that renders Office files to PDF for the viewer. The api function
 * gets its upload rights and configuration through {@link #grantUploads}, {@link #grantConvert} and
 * {@link #apiEnvironment}.
 */
public final class Attachments extends Construct {
    /** Every object lives under it: {@code attachments/<account>/<id>/original} and {@code .../preview.pdf}. */
    public static final String OBJECT_KEY_PREFIX = "attachments/";
    /** 100 MiB: the largest upload the api accepts. */
    public static final long MAX_BYTES = 100L * 1024 * 1024;
    /** Lifetime of a presigned GET: long enough to start a download or a viewer's page fetches, short after a revoke. */
    public static final int URL_SECONDS = 120;
    public static final Duration TIMEOUT = Duration.seconds(10);
    public static final Duration CONVERTER_TIMEOUT = Duration.seconds(120);
    /** LibreOffice is CPU-bound: memory buys vCPUs (3008 MiB is about two). */
    public static final int CONVERTER_MEMORY_MIB = 3008;
    /** The original, LibreOffice's profile and the PDF all sit in /tmp. */
    public static final int CONVERTER_EPHEMERAL_STORAGE_MIB = 2048;
    /** What the api does to objects: presigned single and multipart uploads, checks after upload, deletion. */
    public static final List<String> API_OBJECT_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");
    /** The relay stores senders' attachments (attachmentLinks) and checks them like uploads: no multipart, no listing. */
    public static final List<String> RELAY_OBJECT_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject");
    /** The converter reads the attachment, then writes its preview back under the same status condition. */
    public static final List<String> CONVERTER_TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");
    private final Bucket bucket;
    private final JavaFunction access;
    private final Optional<Function> converter;

    public Attachments(Construct scope, String id, AttachmentsProps props) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Files")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(false)
                .lifecycleRules(List.of(LifecycleRule.builder().id("abort-incomplete-uploads")
                        .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                .cors(List.of(
                        // The signature, not the origin, authorises a presigned PUT (one key, minutes); the origin can
                        // be narrowed to the dashboard's once it has one. ETag: a multipart upload is completed with it.
                        CorsRule.builder().id("presigned-uploads")
                                .allowedMethods(List.of(HttpMethods.PUT))
                                .allowedOrigins(List.of(props.uploadOrigin()))
                                .allowedHeaders(List.of("*"))
                                .exposedHeaders(List.of("ETag"))
                                .maxAge(3600).build(),
                        // The viewer reaches objects through a redirect from /a/{token}/file: after a cross-origin
                        // redirect browsers send "Origin: null", so no named origin could match. Range: PDF.js reads
                        // pages in ranges.
                        CorsRule.builder().id("viewer-reads")
                                .allowedMethods(List.of(HttpMethods.GET, HttpMethods.HEAD))
                                .allowedOrigins(List.of("*"))
                                .allowedHeaders(List.of("Range"))
                                .exposedHeaders(List.of("Accept-Ranges", "Content-Range", "Content-Length", "ETag"))
                                .maxAge(3600).build()))
                .removalPolicy(props.bucketRemovalPolicy())
                .build();

        access = new JavaFunction(this, "Java", new JavaFunctionProps(
                "AttachmentsFunction",
                "Glint attachment links: checks the token, redirects to a short presigned URL or serves the viewer",
                "dev.glint.attachments.AttachmentAccessHandler::handleRequest",
                props.code(),
                TIMEOUT,
                Map.of("GLINT_MAIN_TABLE", props.tables().main().getTableName(),
                        "GLINT_HITS_QUEUE_URL", props.hitsQueue().getQueueUrl(),
                        "GLINT_TOKEN_KEYS_SECRET", props.tokenKeys().secretArn(),
                        "GLINT_ATTACHMENTS_BUCKET", bucket.getBucketName(),
                        "GLINT_ATTACHMENT_URL_SECONDS", Integer.toString(URL_SECONDS)),
                // A recipient waits on the first click: restore a snapshot rather than start a JVM.
                true));
        // Presigned URLs act with the signer's rights: reading objects is what it signs for.
        grantObjects(access.function(), List.of("s3:GetObject"));
        grantMainTable(props, access.function(), List.of("dynamodb:GetItem"));
        props.hitsQueue().grantSendMessages(access.function());
        props.tokenKeys().grantRead(access.function());

        converter = props.converterImage().map(image -> {
            Function fn = new JavaFunction(this, "Converter", new JavaFunctionProps(
                    "ConverterFunction",
                    "Glint Office attachments: converts the original to PDF with LibreOffice for the viewer",
                    Handler.FROM_IMAGE,
                    image,
                    CONVERTER_TIMEOUT,
                    Map.of("GLINT_MAIN_TABLE", props.tables().main().getTableName(),
                            "GLINT_ATTACHMENTS_BUCKET", bucket.getBucketName()),
                    false,
                    CONVERTER_MEMORY_MIB,
                    CONVERTER_EPHEMERAL_STORAGE_MIB)).function();
            grantObjects(fn, List.of("s3:GetObject", "s3:PutObject"));
            grantMainTable(props, fn, CONVERTER_TABLE_ACTIONS);
            // The api invokes it asynchronously; a document that fails twice will fail again (the handler records
            // the failure on the attachment, so the viewer can say why).
            fn.configureAsyncInvoke(EventInvokeConfigOptions.builder().retryAttempts(1).build());
            return fn;
        });
    }

    public IBucket bucket() {
        return bucket;
    }

    /** The function behind {@code /a/...}: grant to it. */
    public Function function() {
        return access.function();
    }

    /** What API Gateway invokes: the "live" alias. */
    public IFunction entryPoint() {
        return access.entryPoint();
    }

    /** The converter, when Office conversion is on. */
    public Optional<Function> converter() {
        return converter;
    }

    /** The api's object rights: presigned single and multipart uploads, checking and deleting what was uploaded. */
    public void grantUploads(IGrantable api) {
        grantObjects(api, API_OBJECT_ACTIONS);
    }

    /** Invoking the converter (its unqualified ARN only), when there is one. */
    public void grantConvert(IGrantable api) {
        converter.ifPresent(fn -> Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(api)
                .actions(List.of("lambda:InvokeFunction"))
                .resourceArns(List.of(fn.getFunctionArn()))
                .build()));
    }

    /**
     * What the inbound relay needs to store a sender's attachments as tracked attachments: object
     * rights under the prefix, the converter (for Office files) and the settings naming both.
     */
    public void grantRelay(Function relay) {
        grantObjects(relay, RELAY_OBJECT_ACTIONS);
        grantConvert(relay);
        relay.addEnvironment("GLINT_ATTACHMENTS_BUCKET", bucket.getBucketName());
        converter.ifPresent(fn -> relay.addEnvironment("GLINT_CONVERTER_FUNCTION", fn.getFunctionName()));
    }

    /** The api's attachment settings; without a converter GLINT_CONVERTER_FUNCTION is absent. */
    public Map<String, String> apiEnvironment() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "GLINT_ATTACHMENTS_BUCKET", bucket.getBucketName(),
                "GLINT_ATTACHMENT_MAX_BYTES", Long.toString(MAX_BYTES)));
        converter.ifPresent(fn -> environment.put("GLINT_CONVERTER_FUNCTION", fn.getFunctionName()));
        return environment;
    }

    /** Object actions under the prefix only: Bucket.grantRead/grantPut would add s3:List*, s3:GetBucket* or s3:Abort*. */
    private void grantObjects(IGrantable grantee, List<String> actions) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(bucket.arnForObjects(OBJECT_KEY_PREFIX + "*")))
                .build());
    }

    /** Item actions on the main table itself: GetItem and PutItem never use an index. */
    private static void grantMainTable(AttachmentsProps props, IGrantable grantee, List<String> actions) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(props.tables().main().getTableArn()))
                .build());
    }
}
