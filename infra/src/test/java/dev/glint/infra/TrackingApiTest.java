package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The HTTP API: which requests reach which function, and how much traffic the stage accepts. */
class TrackingApiTest {
    private static Template template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void synthesize() {
        template = GlintTemplates.defaults().template();
        resources = TemplateJson.resources(template);
    }

    @Test
    void opensAndClicksReachTheTrackFunctionWithGetAndHead() {
        // GIVEN the synthesized stack
        for (String routeKey : List.of("GET /o/{token}", "HEAD /o/{token}", "GET /c/{token}", "HEAD /c/{token}")) {
            // WHEN we follow the route to its integration
            // THEN it invokes the track function's live alias
            assertEquals("TrackFunction", functionBehind(routeKey), routeKey);
        }
    }

    @Test
    void everyApiRouteReachesTheApiFunction() {
        // GIVEN the synthesized stack
        // WHEN we follow ANY /api/{proxy+} to its integration
        // THEN it invokes the api function's live alias
        assertEquals("ApiFunction", functionBehind("ANY /api/{proxy+}"));
    }

    @Test
    void defaultStageIsThrottled() {
        // GIVEN the synthesized stack
        // WHEN we read the default stage
        // THEN it deploys automatically and caps rate and burst
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default", "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000)));
    }

    @Test
    void apiUrlIsAnOutputAndTrackingLinksUseItWithoutACustomDomain() {
        // GIVEN cdk.json's empty trackingBaseUrl
        // WHEN we read the outputs and the api function's GLINT_TRACKING_BASE_URL
        String api = template.findResources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
        template.hasOutput("ApiUrl", Map.of("Value", Match.anyValue()));
        // THEN tracking links use the API's own endpoint
        Map<String, Object> endpoint = Map.of("Fn::GetAtt", List.of(api, "ApiEndpoint"));
        template.hasOutput("TrackingBaseUrl", Map.of("Value", endpoint));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.glint.api.ApiHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("GLINT_TRACKING_BASE_URL", endpoint)))));
    }

    @Test
    void trackingBaseUrlContextOverridesTheApiUrl() {
        // GIVEN a custom tracking domain in the context (with a trailing slash a user might type)
        Template custom = GlintTemplates.synthesize(Map.of("trackingBaseUrl", "https://t.glint.example/")).template();
        // WHEN we read the api function's GLINT_TRACKING_BASE_URL
        // THEN tracking links use the custom domain, without the trailing slash
        custom.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.glint.api.ApiHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "GLINT_TRACKING_BASE_URL", "https://t.glint.example")))));
    }

    private static String functionBehind(String routeKey) {
        return functionBehind(template, routeKey);
    }

    /** The logical id of the function whose alias the route's integration invokes. */
    static String functionBehind(Template template, String routeKey) {
        Map<String, Object> resources = TemplateJson.resources(template);
        Map<String, Map<String, Object>> routes = template.findResources("AWS::ApiGatewayV2::Route",
                Map.of("Properties", Map.of("RouteKey", routeKey)));
        assertEquals(1, routes.size(), "routes " + routeKey);
        Object target = TemplateJson.properties(routes.values().iterator().next()).get("Target");
        // Target is {"Fn::Join": ["", ["integrations/", {"Ref": integration}]]}
        Object integrationRef = TemplateJson.list(TemplateJson.list(TemplateJson.map(target).get("Fn::Join")).get(1)).get(1);
        Map<String, Object> integration = TemplateJson.properties(
                TemplateJson.map(resources.get(TemplateJson.refTarget(integrationRef))));
        assertEquals("AWS_PROXY", integration.get("IntegrationType"));
        assertEquals("2.0", integration.get("PayloadFormatVersion"));
        Map<String, Object> alias = TemplateJson.map(resources.get(TemplateJson.refTarget(integration.get("IntegrationUri"))));
        assertEquals("AWS::Lambda::Alias", alias.get("Type"));
        return TemplateJson.refTarget(TemplateJson.properties(alias).get("FunctionName"));
    }
}
