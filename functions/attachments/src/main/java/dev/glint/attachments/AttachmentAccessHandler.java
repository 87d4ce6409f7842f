package dev.glint.attachments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.hit.HitQueue;
import dev.glint.store.AttachmentStore;
import dev.glint.store.DynamoAttachmentStore;
import dev.glint.store.SqsHitQueue;
import dev.glint.token.TokenSealer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Tracked attachment links: {@code GET|HEAD /a/{token}} (download redirect or viewer page),
 * {@code GET|HEAD /a/{token}/file} (the viewer's document), {@code POST /a/{token}/beacons}
 * (viewer beacons) and {@code GET /a/assets/<name>} (the viewer's script and PDF.js).
 */
public final class AttachmentAccessHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Set<String> BEACON_TYPES = Set.of("text/plain", "application/json");

    private final AttachmentLinks links;
    private final ViewerAssets assets;

    /** Lambda entry point: everything is built once, here, from the environment. */
    public AttachmentAccessHandler() {
        this(AttachmentsConfig.from(Env.system()));
    }

    private AttachmentAccessHandler(AttachmentsConfig config) {
        this(new TokenSealer(config.keys()),
                new DynamoAttachmentStore(AwsClients.build(DynamoDbClient.builder(), config.endpoint(), config.region()),
                        config.mainTable()),
                new SqsHitQueue(AwsClients.build(SqsClient.builder(), config.endpoint(), config.region()),
                        config.hitsQueueUrl()),
                new ObjectUrls(ObjectUrls.presigner(config.region(), config.endpoint()), config.bucket(),
                        config.urlLifetime()));
    }

    /** Tests and the local runner pass the collaborators they built. */
    public AttachmentAccessHandler(TokenSealer sealer, AttachmentStore attachments, HitQueue hits, ObjectUrls urls) {
        this.assets = ViewerAssets.load();
        this.links = new AttachmentLinks(new AccessCheck(sealer, attachments), urls, hits, new ViewerSessions(sealer),
                new BeaconLimiter(System::nanoTime), assets);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return response(reply(AttachmentRequest.of(event)));
    }

    private Reply reply(AttachmentRequest request) {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        if (request.route() == AttachmentRequest.Route.BEACONS ? !request.method().equals("POST")
                : request.route() != AttachmentRequest.Route.UNKNOWN && !read) {
            return Replies.methodNotAllowed(request.route() == AttachmentRequest.Route.BEACONS ? "POST" : "GET, HEAD");
        }
        return switch (request.route()) {
            case UNKNOWN -> Replies.notFound();
            case LINK -> links.open(request.hit());
            case FILE -> links.file(request.hit(), request.session());
            case ASSET -> assets.serve(request.asset())
                    .map(r -> request.method().equals("HEAD") ? r.withoutBody() : r)
                    .orElseGet(Replies::notFound);
            case BEACONS -> {
                if (request.body().length > BeaconBatch.MAX_BODY_BYTES) {
                    yield Replies.problem(413, "Payload Too Large",
                            "Beacon bodies are limited to " + BeaconBatch.MAX_BODY_BYTES + " bytes", "body");
                }
                if (!BEACON_TYPES.contains(request.contentType())) {
                    yield Replies.problem(415, "Unsupported Media Type", "Send text/plain or application/json",
                            "Content-Type");
                }
                yield links.beacons(request.hit(), new String(request.body(), StandardCharsets.UTF_8));
            }
        };
    }

    private static APIGatewayV2HTTPResponse response(Reply reply) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(reply.headers())
                .withBody(reply.body())
                .withIsBase64Encoded(reply.base64())
                .build();
    }
}
