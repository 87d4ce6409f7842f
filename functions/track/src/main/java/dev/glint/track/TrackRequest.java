package dev.glint.track;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.glint.hit.HitRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** An API Gateway HTTP API (v2) event read as a tracking route and a {@link HitRequest}. */
record TrackRequest(Route route, HitRequest hit) {

    enum Route { PIXEL_GIF, PIXEL_PNG, CLICK, UNKNOWN }

    static TrackRequest of(APIGatewayV2HTTPEvent event) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        Route route = Route.UNKNOWN;
        String token = "";
        if (path.startsWith("/o/") && path.endsWith(".gif")) {
            route = Route.PIXEL_GIF;
            token = path.substring(3, path.length() - 4);
        } else if (path.startsWith("/o/") && path.endsWith(".png")) {
            route = Route.PIXEL_PNG;
            token = path.substring(3, path.length() - 4);
        } else if (path.startsWith("/o/")) {
            route = Route.PIXEL_GIF; // some clients strip the extension; still answer with an image
            token = path.substring(3);
        } else if (path.startsWith("/c/")) {
            route = Route.CLICK;
            token = path.substring(3);
        }
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        Map<String, String> headers = new TreeMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String method = http == null || http.getMethod() == null ? "GET" : http.getMethod();
        String ip = http == null || http.getSourceIp() == null ? "" : http.getSourceIp();
        String userAgent = http != null && http.getUserAgent() != null
                ? http.getUserAgent()
                : headers.getOrDefault("user-agent", "");
        String requestId = context == null || context.getRequestId() == null
                ? UUID.randomUUID().toString()
                : context.getRequestId();
        Instant at = context == null || context.getTimeEpoch() <= 0
                ? Instant.now()
                : Instant.ofEpochMilli(context.getTimeEpoch());
        return new TrackRequest(route, new HitRequest(token, method, at, requestId, ip, userAgent, headers));
    }
}
