package dev.glint.local;

import dev.glint.attach.AttachmentService;
import dev.glint.attach.Completion;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.attach.Upload;
import dev.glint.attach.UploadRequest;
import dev.glint.attachments.AttachmentAccessHandler;
import dev.glint.attachments.ObjectUrls;
import dev.glint.local.emulator.AwsClients;
import dev.glint.local.emulator.Emulator;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.local.emulator.Emulators;
import dev.glint.model.Attachment;
import dev.glint.model.EventType;
import dev.glint.model.Ids;
import dev.glint.model.Json;
import dev.glint.model.RawHit;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.S3AttachmentObjects;
import dev.glint.store.SqsHitQueue;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenSealer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The attachments function behind the local API Gateway, on the real emulators (dynalite for the
 * attachments, fauxqs for S3 and for a hits queue of its own that no worker drains, so tests read
 * exactly what the function published).
 */
final class AttachmentLinkServer implements AutoCloseable {
    static final Instant LATER = Instant.now().plus(Duration.ofDays(30));

    final Emulators emulators;
    final DynamoDbClient dynamo;
    final S3Client s3;
    final SqsClient sqs;
    final String queueUrl;
    final DynamoAttachmentStore attachments;
    final TokenSealer sealer = new TokenSealer(KeyRing.generate());
    final LocalHttpGateway gateway;

    private AttachmentLinkServer(Emulators emulators) throws IOException {
        this.emulators = emulators;
        dynamo = AwsClients.dynamoDb(emulators);
        s3 = AwsClients.s3(emulators);
        sqs = AwsClients.sqs(emulators);
        LocalResources.createTables(dynamo);
        LocalResources.createAttachmentsBucket(s3);
        queueUrl = sqs.createQueue(b -> b.queueName("glint-attachment-hits-" + Ids.random(8))).queueUrl();
        attachments = new DynamoAttachmentStore(dynamo, LocalResources.MAIN_TABLE);
        gateway = LocalHttpGateway.start(0);
        gateway.route("/a/", new AttachmentAccessHandler(sealer, attachments, new SqsHitQueue(sqs, queueUrl),
                new ObjectUrls(ObjectUrls.presigner(AwsClients.REGION, Optional.of(emulators.s3Endpoint())),
                        LocalResources.ATTACHMENTS_BUCKET, Duration.ofSeconds(120))));
    }

    static AttachmentLinkServer start() throws IOException {
        Emulators emulators = Emulators.start(EmulatorOptions.inMemory(
                Path.of(System.getProperty("glint.emulators.dir")),
                Files.createTempDirectory("glint-attachment-logs")).only(Emulator.DYNALITE, Emulator.FAUXQS));
        try {
            return new AttachmentLinkServer(emulators);
        } catch (IOException | RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    /** Stores {@code bytes} and a ready attachment of the account over them. */
    Attachment upload(String account, String filename, String contentType, Attachment.Mode mode, byte[] bytes,
            Attachment.Preview preview, @Nullable Instant expiresAt) {
        String id = Ids.attachment();
        String key = Attachment.objectKey(account, id);
        s3.putObject(b -> b.bucket(LocalResources.ATTACHMENTS_BUCKET).key(key).contentType("application/octet-stream"),
                RequestBody.fromBytes(bytes));
        Attachment attachment = new Attachment(id, account, filename, bytes.length, contentType, mode, expiresAt,
                Attachment.Status.READY, "00", Instant.now(), key, preview, null);
        attachments.create(attachment);
        return attachment;
    }

    /**
     * Uploads {@code bytes} as a client would (presigned PUT, then complete), so the attachment's
     * type and preview are what the upload check finds in the bytes.
     */
    Attachment uploadChecked(String account, String filename, String claimedType, byte[] bytes)
            throws IOException, InterruptedException {
        AttachmentService service = new AttachmentService(attachments, S3AttachmentObjects.create(
                Optional.of(emulators.s3Endpoint()), AwsClients.REGION, LocalResources.ATTACHMENTS_BUCKET),
                LibreOfficeConverter.onPath(), AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
        Upload upload = service.create(account, new UploadRequest(filename, bytes.length, claimedType, "view", null));
        if (!(upload instanceof Upload.Single single)) {
            throw new IllegalStateException("a small file is one PUT");
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(single.put().url()).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        single.put().headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                put.header(name, value);
            }
        });
        try (HttpClient http = HttpClient.newHttpClient()) {
            int status = http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("the presigned PUT answered " + status);
            }
        }
        if (!(service.complete(account, upload.attachment().id(), Optional.empty()) instanceof Completion.Checked checked)) {
            throw new IllegalStateException("the upload was not checked");
        }
        return checked.attachment();
    }

    /** Recipient {@code recipient}'s link to the attachment, as the mail would carry it. */
    URI link(Attachment attachment, int recipient) {
        String token = sealer.seal(TokenClaims.attachment(attachment.accountId(), "em_" + Ids.random(10), recipient, 0,
                attachment.id(), LATER));
        return gateway.baseUri().resolve("/a/" + token);
    }

    void revoke(Attachment attachment) {
        Attachment revoked = new Attachment(attachment.id(), attachment.accountId(), attachment.filename(),
                attachment.size(), attachment.contentType(), attachment.mode(), attachment.expiresAt(),
                Attachment.Status.REVOKED, attachment.sha256(), attachment.createdAt(), attachment.objectKey(),
                attachment.preview(), null);
        if (!attachments.update(revoked, Attachment.Status.READY)) {
            throw new IllegalStateException("not revoked");
        }
    }

    /** Every hit published so far (the queue is read to the end and the messages deleted). */
    List<RawHit> drainHits() {
        List<RawHit> hits = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return hits;
            }
            for (Message m : messages) {
                hits.add(Json.read(m.body(), RawHit.class));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Reads hits until {@code done} holds for those read so far, or the deadline passes. */
    List<RawHit> hitsUntil(Predicate<List<RawHit>> done, Duration within) {
        List<RawHit> hits = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        while (!done.test(hits) && Instant.now().isBefore(deadline)) {
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> {
                        hits.add(Json.read(m.body(), RawHit.class));
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    });
        }
        return hits;
    }

    static List<RawHit> ofType(List<RawHit> hits, EventType type) {
        return hits.stream().filter(h -> h.type() == type).toList();
    }

    @Override
    public void close() {
        try {
            gateway.close();
            dynamo.close();
            s3.close();
            sqs.close();
        } finally {
            emulators.close();
        }
    }
}
