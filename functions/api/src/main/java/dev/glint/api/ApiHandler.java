package dev.glint.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.glint.attach.AttachmentService;
import dev.glint.attach.LibreOfficeConverter;
import dev.glint.attach.PreviewConversions;
import dev.glint.auth.ApiKeys;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.send.AttachmentsRefusedException;
import dev.glint.send.IdempotentSends;
import dev.glint.send.SendService;
import dev.glint.send.SesMailSender;
import dev.glint.stats.StatsService;
import dev.glint.store.AttachmentEventStore;
import dev.glint.store.DynamoApiKeyStore;
import dev.glint.store.DynamoAttachmentEventStore;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.LambdaPreviewConversions;
import dev.glint.store.S3AttachmentObjects;
import software.amazon.awssdk.services.lambda.LambdaClient;
import dev.glint.store.DynamoEmailStore;
import dev.glint.store.DynamoSenderStore;
import dev.glint.store.SenderStore;
import dev.glint.store.DynamoEventStore;
import dev.glint.store.DynamoIdempotencyStore;
import dev.glint.store.EmailStore;
import dev.glint.store.EventStore;
import dev.glint.store.InvalidCursorException;
import dev.glint.token.TokenSealer;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The {@code /api/v1} REST API: send tracked mail, list emails, read one email, its stats and events. */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiRouter router;
    private final Consumer<String> errorLog;

    /** Lambda entry point: clients and stores are built once, here, from the environment. */
    public ApiHandler() {
        this(fromEnvironment(ApiConfig.from(Env.system())), System.out::println);
    }

    /** Tests and the local runner pass the parts they built. */
    public ApiHandler(ApiKeys apiKeys, IdempotentSends sends, EmailStore emails, EventStore events, StatsService stats,
            SenderStore senders) {
        this(new ApiRouter(apiKeys, new EmailResources(sends, emails, events, stats),
                new SenderResources(senders, Clock.systemUTC())), System.out::println);
    }

    /** The same with tracked attachments: their service and audit log. */
    public ApiHandler(ApiKeys apiKeys, IdempotentSends sends, EmailStore emails, EventStore events, StatsService stats,
            SenderStore senders, AttachmentService attachments, AttachmentEventStore audit) {
        this(new ApiRouter(apiKeys, new EmailResources(sends, emails, events, stats),
                new SenderResources(senders, Clock.systemUTC()), new AttachmentResources(attachments, audit)),
                System.out::println);
    }

    ApiHandler(ApiRouter router, Consumer<String> errorLog) {
        this.router = router;
        this.errorLog = errorLog;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, @Nullable Context context) {
        ApiRequest request = ApiRequest.of(event);
        return answer(request).toEvent();
    }

    /** The one place where failures become answers. */
    private ApiResponse answer(ApiRequest request) {
        try {
            return router.route(request);
        } catch (ApiException e) {
            return e.problem().response(request.requestId());
        } catch (AttachmentsRefusedException e) {
            return Problem.validation(e.refusals().stream()
                    .map(r -> new Problem.FieldError(r.field(), r.reason())).toList()).response(request.requestId());
        } catch (InvalidCursorException e) {
            return Problem.invalid("cursor", "is not a cursor of this listing; start again without it")
                    .response(request.requestId());
        } catch (RuntimeException e) {
            errorLog.accept(ErrorLine.of(request, e));
            return Problem.internal().response(request.requestId());
        }
    }

    private static ApiRouter fromEnvironment(ApiConfig config) {
        DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder(), config.endpoint(), config.region());
        SesV2Client ses = AwsClients.build(SesV2Client.builder(), config.endpoint(), config.region());
        Clock clock = Clock.systemUTC();
        EmailStore emails = new DynamoEmailStore(dynamo, config.mainTable());
        SendService sends = new SendService(emails, new DynamoAttachmentStore(dynamo, config.mainTable()),
                new SesMailSender(ses, config.sesConfigurationSet()),
                new TokenSealer(config.keys()), config.trackingBaseUrl(), config.tokenLifetime(), clock);
        IdempotentSends idempotentSends = new IdempotentSends(sends, emails,
                new DynamoIdempotencyStore(dynamo, config.mainTable()), clock);
        EventStore events = new DynamoEventStore(dynamo, config.eventsTable(), clock);
        AttachmentResources attachments = config.attachmentsBucket().map(bucket -> new AttachmentResources(
                new AttachmentService(new DynamoAttachmentStore(dynamo, config.mainTable()),
                        S3AttachmentObjects.create(config.endpoint(), config.region(), bucket),
                        new LibreOfficeConverter(config.converter(), LibreOfficeConverter.DEFAULT_TIMEOUT),
                        config.converterFunction().map(function -> (PreviewConversions) new LambdaPreviewConversions(
                                AwsClients.build(LambdaClient.builder(), config.endpoint(), config.region()), function))
                                .orElse(null),
                        config.attachmentMaxBytes(), clock),
                new DynamoAttachmentEventStore(dynamo, config.eventsTable(), clock))).orElse(null);
        return new ApiRouter(new ApiKeys(new DynamoApiKeyStore(dynamo, config.mainTable())),
                new EmailResources(idempotentSends, emails, events, new StatsService(emails)),
                new SenderResources(new DynamoSenderStore(dynamo, config.mainTable()), clock), attachments);
    }
}
