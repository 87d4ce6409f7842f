package dev.glint.local;

import dev.glint.attach.AttachmentAudit;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.store.DynamoAttachmentEventStore;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.S3AttachmentObjects;
import dev.glint.api.ApiHandler;
import dev.glint.attachments.AttachmentAccessHandler;
import dev.glint.attachments.ObjectUrls;
import dev.glint.auth.ApiKeys;
import dev.glint.classify.HitClassifier;
import dev.glint.enrich.Enricher;
import dev.glint.hit.HitAnalyst;
import dev.glint.hit.HitIntake;
import dev.glint.hit.HitRecorder;
import dev.glint.local.emulator.AwsClients;
import dev.glint.local.emulator.EmulatorOptions;
import dev.glint.local.emulator.Emulators;
import dev.glint.model.Ids;
import dev.glint.send.IdempotentSends;
import dev.glint.send.SendService;
import dev.glint.send.SesMailSender;
import dev.glint.stats.StatsService;
import dev.glint.store.DynamoApiKeyStore;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoEventStore;
import dev.glint.store.DynamoIdempotencyStore;
import dev.glint.store.SqsHitQueue;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenSealer;
import dev.glint.inbound.InboundHandler;
import dev.glint.inbound.S3RawMessages;
import dev.glint.local.smtp.LocalSmtpServer;
import dev.glint.local.smtp.RecipientPolicy;
import dev.glint.local.smtp.SmtpOptions;
import dev.glint.relay.InboundRelay;
import dev.glint.relay.ReceiptAddresses;
import dev.glint.relay.TrackingAddresses;
import dev.glint.store.DynamoSenderStore;
import dev.glint.token.AddressTags;
import dev.glint.track.TrackHitHandler;
import dev.glint.worker.ProcessHitsHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Glint on one machine: starts the emulators, creates the tables and queues, and serves the
 * same handler classes Lambda runs behind a local API Gateway and a local SQS event source.
 */
public final class LocalRunner implements AutoCloseable {
    /** How long a mail's links record hits, as in the stack's default. */
    static final Duration TOKEN_LIFETIME = Duration.ofDays(SendService.DEFAULT_TOKEN_LIFETIME_DAYS);
    /** Locally a failed hit is retried after this many seconds (the stack uses 180). */
    static final int VISIBILITY_TIMEOUT_SECONDS = 5;
    /** The largest message the local relay takes, as the stack's default. */
    static final long INBOUND_MAX_BYTES = 25L * 1024 * 1024;
    /** How long a presigned attachment GET lives, as the stack's default. */
    static final Duration ATTACHMENT_URL_LIFETIME = Duration.ofSeconds(120);

    /**
     * How to run.
     *
     * @param dataDir where DynamoDB data and local keys persist; null runs in memory
     * @param port the HTTP port on 127.0.0.1 (0 picks a free one)
     * @param geoCityDbs city mmdb files for geolocation (none: no geolocation)
     * @param geoAsnDbs ASN mmdb files
     * @param smtpPort the local SMTP inbound port on 127.0.0.1 (0 picks a free one, -1 none)
     * @param trackingDomain the tracking-address domain the relay and the SMTP listener accept
     */
    public record Options(@Nullable Path dataDir, int port, Path emulatorsDir, Path logDir,
            List<Path> geoCityDbs, List<Path> geoAsnDbs, int smtpPort, String trackingDomain) {
        /** The local tracking-address domain: {@code bob@example.com.t.glint.localhost}. */
        public static final String DEFAULT_TRACKING_DOMAIN = "t.glint.localhost";

        public Options {
            geoCityDbs = List.copyOf(geoCityDbs);
            geoAsnDbs = List.copyOf(geoAsnDbs);
        }

        /** Without an SMTP listener. */
        public Options(@Nullable Path dataDir, int port, Path emulatorsDir, Path logDir,
                List<Path> geoCityDbs, List<Path> geoAsnDbs) {
            this(dataDir, port, emulatorsDir, logDir, geoCityDbs, geoAsnDbs, -1, DEFAULT_TRACKING_DOMAIN);
        }

        /** Without geolocation or an SMTP listener. */
        public Options(@Nullable Path dataDir, int port, Path emulatorsDir, Path logDir) {
            this(dataDir, port, emulatorsDir, logDir, List.of(), List.of());
        }

        /** The same with the SMTP listener on {@code port} (0: a free one). */
        public Options withSmtp(int port) {
            return new Options(dataDir, this.port, emulatorsDir, logDir, geoCityDbs, geoAsnDbs, port, trackingDomain);
        }
    }

    private final Emulators emulators;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final SesV2Client ses;
    private final S3Client s3;
    private final LocalInbound inbound;
    private final DynamoSenderStore senders;
    private final @Nullable LocalSmtpServer smtp;
    private final LocalHttpGateway gateway;
    private final SqsPoller poller;
    private final ApiKeys apiKeys;
    private final String apiKey;
    private final LocalResources.Queue hitsQueue;

    private final String trackingDomain;

    private LocalRunner(Options options) throws IOException {
        EmulatorOptions emulatorOptions = EmulatorOptions.inMemory(options.emulatorsDir(), options.logDir())
                .withDataDir(options.dataDir() == null ? null : options.dataDir().resolve("dynamodb"));
        this.emulators = Emulators.start(emulatorOptions);
        LocalHttpGateway startedGateway = null;
        SqsPoller startedPoller = null;
        try {
            dynamo = AwsClients.dynamoDb(emulators);
            sqs = AwsClients.sqs(emulators);
            ses = AwsClients.sesV2(emulators);
            s3 = AwsClients.s3(emulators);
            LocalResources.createTables(dynamo);
            LocalResources.createInboundBucket(s3);
            LocalResources.createAttachmentsBucket(s3);
            hitsQueue = LocalResources.createHitsQueue(sqs, VISIBILITY_TIMEOUT_SECONDS);

            KeyRing keys = options.dataDir() == null
                    ? KeyRing.generate()
                    : LocalKeys.keyRing(options.dataDir().resolve("token-keys.json"));
            TokenSealer sealer = new TokenSealer(keys);
            DynamoEmailStore emails = new DynamoEmailStore(dynamo, LocalResources.MAIN_TABLE);
            DynamoEventStore events = new DynamoEventStore(dynamo, LocalResources.EVENTS_TABLE, Clock.systemUTC());
            apiKeys = new ApiKeys(new DynamoApiKeyStore(dynamo, LocalResources.MAIN_TABLE));
            apiKey = options.dataDir() == null
                    ? apiKeys.create(Ids.account(), "local")
                    : LocalKeys.readOrCreate(options.dataDir().resolve("api-key"), () -> apiKeys.create(Ids.account(), "local"));

            startedGateway = LocalHttpGateway.start(options.port());
            gateway = startedGateway;
            String trackingBase = gateway.baseUri().toString();
            SendService send = new SendService(emails, new DynamoAttachmentStore(dynamo, LocalResources.MAIN_TABLE),
                    new SesMailSender(ses, Optional.empty()), sealer, trackingBase, TOKEN_LIFETIME, Clock.systemUTC());
            IdempotentSends sends = new IdempotentSends(send, emails,
                    new DynamoIdempotencyStore(dynamo, LocalResources.MAIN_TABLE), Clock.systemUTC());
            AttachmentService attachmentService = new AttachmentService(
                    new DynamoAttachmentStore(dynamo, LocalResources.MAIN_TABLE),
                    S3AttachmentObjects.create(Optional.of(emulators.s3Endpoint()), AwsClients.REGION,
                            LocalResources.ATTACHMENTS_BUCKET),
                    LibreOfficeConverter.onPath(), AttachmentService.DEFAULT_MAX_BYTES, Clock.systemUTC());
            DynamoAttachmentEventStore attachmentAudit =
                    new DynamoAttachmentEventStore(dynamo, LocalResources.EVENTS_TABLE, Clock.systemUTC());
            TrackHitHandler track = new TrackHitHandler(new HitIntake(sealer, new SqsHitQueue(sqs, hitsQueue.url())));
            gateway.route("/o/", track).route("/c/", track)
                    .route("/api/", new ApiHandler(apiKeys, sends, emails, events, new StatsService(emails),
                            new DynamoSenderStore(dynamo, LocalResources.MAIN_TABLE), attachmentService, attachmentAudit));
            gateway.route("/a/", new AttachmentAccessHandler(sealer, new DynamoAttachmentStore(dynamo, LocalResources.MAIN_TABLE),
                    new SqsHitQueue(sqs, hitsQueue.url()), new ObjectUrls(ObjectUrls.presigner(AwsClients.REGION,
                            Optional.of(emulators.s3Endpoint())), LocalResources.ATTACHMENTS_BUCKET, ATTACHMENT_URL_LIFETIME)));
            senders = new DynamoSenderStore(dynamo, LocalResources.MAIN_TABLE);
            SesMailSender sesSender = new SesMailSender(ses, Optional.empty());
            TrackingAddresses addresses = new TrackingAddresses(options.trackingDomain());
            trackingDomain = addresses.domain();
            InboundRelay relay = new InboundRelay(addresses, new ReceiptAddresses(addresses, new AddressTags(keys)), senders,
                    emails, HitRecorder.forMailEvents(events, emails), sealer, sesSender, sesSender,
                    new InboundRelay.Settings(trackingBase, TOKEN_LIFETIME, INBOUND_MAX_BYTES,
                            "postmaster@" + addresses.domain()),
                    Clock.systemUTC(), attachmentService);
            inbound = new LocalInbound(s3, new InboundHandler(relay, new S3RawMessages(s3, LocalResources.INBOUND_BUCKET,
                    LocalResources.INBOUND_PREFIX, Path.of(System.getProperty("java.io.tmpdir")))), Clock.systemUTC());
            startedPoller = new SqsPoller(sqs, hitsQueue.url(), hitsQueue.arn(),
                    new ProcessHitsHandler(new HitRecorder(events, emails, new HitAnalyst(HitClassifier.load(),
                            Enricher.fromPaths(options.geoCityDbs(), options.geoAsnDbs())),
                            new AttachmentAudit(attachmentAudit), Clock.systemUTC()))).start();
            poller = startedPoller;
            // Last: nothing after it can fail and leave the listener open.
            smtp = options.smtpPort() < 0 ? null : LocalSmtpServer.start(SmtpOptions.defaults().withPort(options.smtpPort()),
                    RecipientPolicy.domain(addresses.domain()), (from, recipients, raw) -> inbound.receive(from, recipients, raw));
        } catch (RuntimeException | IOException | Error e) { // never leave node processes behind
            if (startedPoller != null) {
                startedPoller.close();
            }
            if (startedGateway != null) {
                startedGateway.close();
            }
            emulators.close();
            throw e;
        }
    }

    public static LocalRunner start(Options options) throws IOException {
        return new LocalRunner(options);
    }

    /** Base URL of the API and tracking routes. */
    public URI baseUri() {
        return gateway.baseUri();
    }

    /** The local SES emulator: its web inbox at {@code /}, its JSON store at {@code /store}. */
    public URI sesUri() {
        return emulators.sesEndpoint();
    }

    /** The API key created on first start. */
    public String apiKey() {
        return apiKey;
    }

    /** The account of {@link #apiKey()}. */
    public String accountId() {
        return apiKeys.authenticate(Optional.of("Bearer " + apiKey)).orElseThrow();
    }

    /** Creates another account with its own key (tests use it to check isolation). */
    public String createAccountKey() {
        return apiKeys.create(Ids.account(), "local-extra");
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** The local S3 (attachments live in {@link LocalResources#ATTACHMENTS_BUCKET}). */
    public S3Client s3() {
        return s3;
    }

    public LocalResources.Queue hitsQueue() {
        return hitsQueue;
    }

    /** SES inbound on this machine: hand it a received message. */
    public LocalInbound inbound() {
        return inbound;
    }

    /** The local SMTP inbound port on 127.0.0.1, when the listener runs. */
    public java.util.OptionalInt smtpPort() {
        return smtp == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(smtp.port());
    }

    /** The tracking-address domain the relay and the SMTP listener accept. */
    public String trackingDomain() {
        return trackingDomain;
    }

    /** The registered relay senders. */
    public DynamoSenderStore senders() {
        return senders;
    }

    /** Messages the worker has been handed so far. */
    public long workerInvocations() {
        return poller.handled();
    }

    @Override
    public void close() {
        // Each part in its own finally: one failing to close must not leave the emulators running.
        try {
            if (smtp != null) {
                smtp.close();
            }
            poller.close();
        } finally {
            try {
                gateway.close();
            } finally {
                try {
                    dynamo.close();
                    sqs.close();
                    ses.close();
                    s3.close();
                } finally {
                    emulators.close();
                }
            }
        }
    }
}
