package dev.glint.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/** Pixel and click hits: opens the token, answers at once and sends the raw hit to the hits queue. */
public final class TrackFunction extends Construct {
    public static final Duration TIMEOUT = Duration.seconds(10);
    private final JavaFunction function;

    public TrackFunction(Construct scope, String id, TrackFunctionProps props) {
        super(scope, id);
        function = new JavaFunction(this, "Java", new JavaFunctionProps(
                "TrackFunction",
                "Glint open/click hits: answers at once, hands the hit to SQS",
                "dev.glint.track.TrackHitHandler::handleRequest",
                props.code(),
                TIMEOUT,
                Map.of("GLINT_HITS_QUEUE_URL", props.hitsQueue().getQueueUrl(),
                        "GLINT_TOKEN_KEYS_SECRET", props.tokenKeys().secretArn()),
                true));
        props.hitsQueue().grantSendMessages(function.function());
        props.tokenKeys().grantRead(function.function());
    }

    /** What API Gateway invokes. */
    public IFunction entryPoint() {
        return function.entryPoint();
    }
}
