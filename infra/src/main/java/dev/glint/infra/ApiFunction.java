package dev.glint.infra;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/** The REST API ({@code /api/v1}): sends tracked mail through SES and serves emails, events and stats. */
public final class ApiFunction extends Construct {
    /** Just under API Gateway's 30 s integration limit. */
    public static final Duration TIMEOUT = Duration.seconds(29);
    private final JavaFunction function;

    public ApiFunction(Construct scope, String id, ApiFunctionProps props) {
        super(scope, id);
        function = new JavaFunction(this, "Java", new JavaFunctionProps(
                "ApiFunction",
                "Glint REST API: send tracked mail, read emails, events and stats",
                "dev.glint.api.ApiHandler::handleRequest",
                props.code(),
                TIMEOUT,
                environment(props),
                true));
        props.tables().grantReadWriteData(function.function());
        props.tokenKeys().grantRead(function.function());
        props.ses().grantSendEmail(function.function());
        props.attachments().grantUploads(function.function());
        props.attachments().grantConvert(function.function());
    }

    private static Map<String, String> environment(ApiFunctionProps props) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "GLINT_MAIN_TABLE", props.tables().main().getTableName(),
                "GLINT_EVENTS_TABLE", props.tables().events().getTableName(),
                "GLINT_TOKEN_KEYS_SECRET", props.tokenKeys().secretArn(),
                "GLINT_TRACKING_BASE_URL", props.trackingBaseUrl(),
                "GLINT_SES_CONFIGURATION_SET", props.ses().configurationSetName()));
        environment.putAll(props.attachments().apiEnvironment());
        return environment;
    }

    /** What API Gateway invokes. */
    public IFunction entryPoint() {
        return function.entryPoint();
    }
}
