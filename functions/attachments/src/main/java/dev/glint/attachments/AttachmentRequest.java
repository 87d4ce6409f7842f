package dev.glint.attachments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.glint.hit.HitRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** An API Gateway HTTP API (v2) event read as an attachment route, its token and its body. */
record AttachmentRequest(Route route, String asset, HitRequest hit, String session, byte[] body, String contentType) {

    enum Route { LINK, FILE, BEACONS, ASSET, UNKNOWN }

    static AttachmentRequest of(APIGatewayV2HTTPEvent event) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        Route route = Route.UNKNOWN;
        String token = "";
        String asset = "";
        if (path.startsWith(ViewerAssets.PREFIX)) {
            route = Route.ASSET;
            asset = path.substring(ViewerAssets.PREFIX.length());
        } else if (path.startsWith("/a/")) {
            String[] parts = path.substring(3).split("/", -1);
            token = parts[0];
            if (!token.isEmpty() && parts.length == 1) {
                route = Route.LINK;
            } else if (!token.isEmpty() && parts.length == 2 && parts[1].equals("file")) {
                route = Route.FILE;
            } else if (!token.isEmpty() && parts.length == 2 && parts[1].equals("beacons")) {
                route = Route.BEACONS;
            }
        }
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        Map<String, String> headers = new TreeMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String method = http == null || http.getMethod() == null ? "GET" : http.getMethod().toUpperCase(Locale.ROOT);
        String ip = http == null || http.getSourceIp() == null ? "" : http.getSourceIp();
        String userAgent = http != null && http.getUserAgent() != null ? http.getUserAgent()
                : headers.getOrDefault("user-agent", "");
        String requestId = context == null || context.getRequestId() == null
                ? UUID.randomUUID().toString() : context.getRequestId();
        Instant at = context == null || context.getTimeEpoch() <= 0
                ? Instant.now() : Instant.ofEpochMilli(context.getTimeEpoch());
        String session = event.getQueryStringParameters() == null ? ""
                : event.getQueryStringParameters().getOrDefault("s", "");
        String rawBody = event.getBody() == null ? "" : event.getBody();
        byte[] body = event.getIsBase64Encoded() ? Base64.getMimeDecoder().decode(rawBody)
                : rawBody.getBytes(StandardCharsets.UTF_8);
        String contentType = headers.getOrDefault("content-type", "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        return new AttachmentRequest(route, asset, new HitRequest(token, method, at, requestId, ip, userAgent, headers),
                session, body, contentType);
    }

    String method() {
        return hit().method();
    }
}
