package dev.glint.converter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.config.LogLine;
import dev.glint.model.Attachment;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.S3AttachmentObjects;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Converts one Office attachment to the PDF the viewer shows; the api invokes it asynchronously with
 * {@code {"attachmentId": "..."}} once the upload is checked. The service downloads the original, runs LibreOffice,
 * stores {@code preview.pdf} and records the preview (or why there is none) on the attachment.
 */
public final class ConvertHandler implements RequestHandler<Map<String, String>, Void> {
    private final AttachmentService service;

    public ConvertHandler() {
        this(fromEnvironment(ConverterConfig.from(Env.system())));
    }

    ConvertHandler(AttachmentService service) {
        this.service = service;
    }

    @Override
    public Void handleRequest(Map<String, String> event, Context context) {
        String id = Optional.ofNullable(event.get("attachmentId")).map(String::strip).filter(s -> !s.isEmpty())
                // Not retried usefully: the api sent a malformed event, the log names it.
                .orElseThrow(() -> new IllegalArgumentException("the event has no attachmentId"));
        Attachment.Preview preview = service.convertPreview(id);
        LogLine.log("INFO", "attachment_converted", Map.of("requestId", context.getAwsRequestId(),
                "attachmentId", id, "preview", preview.kind(), "pages", preview.pages()));
        return null;
    }

    private static AttachmentService fromEnvironment(ConverterConfig config) {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), Optional.empty(), config.region());
        S3Client s3 = AwsClients.build(S3Client.builder(), Optional.empty(), config.region());
        S3Presigner presigner = S3Presigner.builder().region(software.amazon.awssdk.regions.Region.of(config.region()))
                .build();
        return new AttachmentService(new DynamoAttachmentStore(dynamo, config.mainTable()),
                new S3AttachmentObjects(s3, presigner, config.bucket()),
                new LibreOfficeConverter(config.soffice(), config.convertTimeout()),
                AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
    }
}
