package dev.glint.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.config.LogLine;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.attach.PreviewConversions;
import dev.glint.hit.HitRecorder;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.LambdaPreviewConversions;
import dev.glint.store.S3AttachmentObjects;
import software.amazon.awssdk.services.lambda.LambdaClient;
import dev.glint.model.Json;
import dev.glint.relay.InboundMail;
import dev.glint.relay.InboundRelay;
import dev.glint.relay.ReceiptAddresses;
import dev.glint.relay.RelayOutcome;
import dev.glint.relay.TrackingAddresses;
import dev.glint.send.SesMailSender;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import dev.glint.store.DynamoSenderStore;
import dev.glint.token.AddressTags;
import dev.glint.token.TokenSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The SES receipt rule's Lambda action (invocation type Event; the rule's S3 action stored the
 * message first). Each received message is relayed, rejected with a notice, or recorded as a read
 * receipt. When a copy failed for a reason that may pass (throttling, SES unreachable) the
 * invocation fails once all messages are handled, so Lambda retries it: the relay resumes where
 * it stopped, and after the last retry the event waits in the failure queue.
 */
public final class InboundHandler implements RequestStreamHandler {
    private final InboundRelay relay;
    private final RawMessages messages;

    /** Lambda entry point: clients are built once, here. */
    public InboundHandler() {
        this(InboundConfig.from(Env.system()));
    }

    private InboundHandler(InboundConfig config) {
        this(relay(config), new S3RawMessages(AwsClients.build(S3Client.builder()
                .forcePathStyle(config.endpoint().isPresent()), config.endpoint(), config.region()),
                config.bucket(), config.prefix(), Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** Tests and the local runner pass their own relay and message source. */
    public InboundHandler(InboundRelay relay, RawMessages messages) {
        this.relay = relay;
        this.messages = messages;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<RelayOutcome> outcomes = handle(input);
        output.write(Json.write(Map.of("outcomes", outcomes)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Handles every message of one event.
     *
     * @throws RetryableRelayException when a copy should be tried again (after every message was handled)
     */
    public List<RelayOutcome> handle(InputStream event) throws IOException {
        List<InboundMail> mails = SesReceiptEvent.parse(event);
        List<RelayOutcome> outcomes = new ArrayList<>(mails.size());
        int retry = 0;
        for (InboundMail mail : mails) {
            try (RawMessages.RawMessage message = messages.open(mail.messageId(), relay.maxBytes())) {
                RelayOutcome outcome = relay.handle(mail, message.bytes(), message.size());
                outcomes.add(outcome);
                retry += outcome.retry();
            }
        }
        if (retry > 0) {
            LogLine.count("WARN", "relay_retry", "RelayRetry", Map.of("copies", retry));
            throw new RetryableRelayException(retry + " copies could not be handed to SES yet; the event is retried");
        }
        return outcomes;
    }

    private static InboundRelay relay(InboundConfig config) {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), config.endpoint(), config.region());
        SesV2Client ses = AwsClients.build(SesV2Client.builder(), config.endpoint(), config.region());
        DynamoEmailStore emails = new DynamoEmailStore(dynamo, config.mainTable());
        TrackingAddresses addresses = new TrackingAddresses(config.trackingDomain());
        SesMailSender sender = new SesMailSender(ses, config.sesConfigurationSet());
        return new InboundRelay(addresses, new ReceiptAddresses(addresses, new AddressTags(config.keys())),
                new DynamoSenderStore(dynamo, config.mainTable()), emails,
                HitRecorder.forMailEvents(new DynamoEventStore(dynamo, config.eventsTable(), Clock.systemUTC()), emails),
                new TokenSealer(config.keys()), sender, sender,
                new InboundRelay.Settings(config.trackingBaseUrl(), config.tokenLifetime(), config.maxBytes(),
                        config.noticeFrom()),
                Clock.systemUTC(), config.attachmentsBucket().map(bucket -> attachments(config, dynamo, bucket)).orElse(null));
    }

    /** Attachments of relayed mail, stored like uploads; Office files go to the converter function (no LibreOffice here). */
    private static AttachmentService attachments(InboundConfig config, DynamoDbClient dynamo, String bucket) {
        return new AttachmentService(new DynamoAttachmentStore(dynamo, config.mainTable()),
                S3AttachmentObjects.create(config.endpoint(), config.region(), bucket),
                LibreOfficeConverter.onPath(),
                config.converterFunction().map(function -> (PreviewConversions) new LambdaPreviewConversions(
                        AwsClients.build(LambdaClient.builder(), config.endpoint(), config.region()), function))
                        .orElse(null),
                AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    /** Some copies failed for a reason that may pass; Lambda's retry of the event resumes the relay. */
    public static final class RetryableRelayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableRelayException(String message) {
            super(message);
        }
    }
}
