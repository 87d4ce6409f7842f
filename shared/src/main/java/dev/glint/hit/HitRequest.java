package dev.glint.hit;

import java.time.Instant;
import java.util.Map;

/**
 * A tracking request as any HTTP front end sees it (API Gateway, the local adapter).
 *
 * @param headers request headers with lower-case names
 */
public record HitRequest(
        String token,
        String method,
        Instant receivedAt,
        String requestId,
        String ip,
        String userAgent,
        Map<String, String> headers) {}
