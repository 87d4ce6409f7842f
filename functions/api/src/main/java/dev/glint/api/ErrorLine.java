package dev.glint.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log line of an unexpected failure: one JSON object with the request id, the route and the
 * exception's classes and stack frames. Never a message, header, body or address: those can hold
 * what the caller sent, and messages of store and SES errors quote data.
 */
final class ErrorLine {
    private static final int MAX_FRAMES = 40;

    private ErrorLine() {}

    static String of(ApiRequest request, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "ERROR");
        line.put("event", "api_request_failed");
        line.put("requestId", request.requestId());
        line.put("method", request.method());
        line.put("route", Route.onPath(request.path()).stream().findFirst().map(Route::template).orElse("unmatched"));
        List<String> causes = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        for (Throwable t = error; t != null && causes.size() < 8; t = t.getCause()) {
            causes.add(t.getClass().getName());
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frames.size() < MAX_FRAMES) {
                    frames.add(frame.toString());
                }
            }
        }
        line.put("exception", causes);
        line.put("stack", frames);
        return ApiJson.write(line);
    }
}
