package dev.glint.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The HTTP API: tracking hits ({@code /o}, {@code /c}), attachment links ({@code /a}) and the REST API ({@code /api})
 * on one throttled default stage.
 */
public final class TrackingApi extends Construct {
    private final HttpApi api;
    private final HttpStage stage;

    public TrackingApi(Construct scope, String id, TrackingApiProps props) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "HttpApi")
                .description("Glint tracking hits and REST API")
                .createDefaultStage(false)
                .build();
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.rateLimit()).burstLimit(props.burstLimit()).build())
                .build();
    }

    /** The API's own base URL, without a trailing slash. */
    public String baseUrl() {
        return api.getApiEndpoint();
    }

    /** The default stage's URL, with a trailing slash. */
    public String url() {
        return stage.getUrl();
    }

    /** Routes opens and clicks (GET, and the HEAD probes scanners send) to the track function. */
    public void routeHitsTo(IFunction track) {
        HttpLambdaIntegration hits = new HttpLambdaIntegration("Hits", track);
        for (String path : List.of("/o/{token}", "/c/{token}")) {
            api.addRoutes(AddRoutesOptions.builder()
                    .path(path).methods(List.of(HttpMethod.GET, HttpMethod.HEAD)).integration(hits).build());
        }
    }

    /** Routes recipients' attachment links, the viewer's beacons and its static assets to the attachments function. */
    public void routeAttachmentsTo(IFunction attachments) {
        HttpLambdaIntegration links = new HttpLambdaIntegration("Attachments", attachments);
        Map<String, List<HttpMethod>> routes = new LinkedHashMap<>();
        routes.put("/a/{token}", List.of(HttpMethod.GET, HttpMethod.HEAD));
        routes.put("/a/{token}/file", List.of(HttpMethod.GET));
        routes.put("/a/{token}/beacons", List.of(HttpMethod.POST));
        // More specific than /a/{token}/file for "/a/assets/file": literal segments win in HTTP API routing.
        routes.put("/a/assets/{name}", List.of(HttpMethod.GET));
        routes.forEach((path, methods) -> api.addRoutes(AddRoutesOptions.builder()
                .path(path).methods(methods).integration(links).build()));
    }

    /** Routes every method under {@code /api/} to the api function. */
    public void routeApiTo(IFunction apiFunction) {
        api.addRoutes(AddRoutesOptions.builder()
                .path("/api/{proxy+}").methods(List.of(HttpMethod.ANY))
                .integration(new HttpLambdaIntegration("Api", apiFunction)).build());
    }
}
