package dev.glint.track;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.glint.config.AwsClients;
import dev.glint.config.Env;
import dev.glint.hit.HitIntake;
import dev.glint.hit.HitOutcome;
import dev.glint.store.SqsHitQueue;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenSealer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Answers pixel ({@code /o/{token}.gif|.png}) and click ({@code /c/{token}}, which also serves the
 * hidden honeypot link with a small page) requests at once
 * and hands valid hits to the hits queue; never reads or waits on the database.
 */
public final class TrackHitHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HitIntake intake;

    /** Lambda entry point: everything is built once, here, from the environment. */
    public TrackHitHandler() {
        this(fromEnvironment(TrackConfig.from(Env.system())));
    }

    /** Tests and the local runner pass the intake they built. */
    public TrackHitHandler(HitIntake intake) {
        this.intake = intake;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        TrackRequest request = TrackRequest.of(event);
        boolean head = request.hit().method().equalsIgnoreCase("HEAD");
        return switch (request.route()) {
            case PIXEL_GIF, PIXEL_PNG -> {
                intake.accept(request.hit(), TokenKind.OPEN);
                yield TrackResponses.pixel(request.route() == TrackRequest.Route.PIXEL_PNG, head);
            }
            case CLICK -> {
                HitOutcome outcome = intake.accept(request.hit(), TokenKind.CLICK);
                if (outcome.honeypot()) {
                    yield TrackResponses.honeypotPage(head);
                }
                yield outcome.redirect().map(TrackResponses::redirect).orElseGet(() -> TrackResponses.notFound(head));
            }
            case UNKNOWN -> TrackResponses.notFound(head);
        };
    }

    private static HitIntake fromEnvironment(TrackConfig config) {
        SqsClient sqs = AwsClients.build(SqsClient.builder(), config.endpoint(), config.region());
        return new HitIntake(new TokenSealer(config.keys()), new SqsHitQueue(sqs, config.hitsQueueUrl()));
    }
}
