package dev.glint.attachments;

import dev.glint.model.Json;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fixed answers: pages a recipient may read, redirects, and problem bodies for the beacon route. */
final class Replies {
    static final String NO_STORE = "no-store, private, max-age=0";
    /** For pages with no script or outside resources of ours. */
    private static final String STATIC_PAGE_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private Replies() {}

    static Reply notFound() {
        return page(404, STATIC_PAGE_POLICY, message("Link not found", "This link is not valid",
                "The link you followed is damaged or incomplete. Please use the original link in the email, "
                        + "or ask the sender for a new one."));
    }

    static Reply gone() {
        return page(410, STATIC_PAGE_POLICY, message("File no longer available", "This file is no longer available",
                "The sender has withdrawn this file, or its link has expired. Please ask the sender if you still need it."));
    }

    /** The access could not be recorded, so it is not granted: every access is audited. */
    static Reply unavailable() {
        Reply page = page(503, STATIC_PAGE_POLICY, message("Try again", "Please try again in a moment",
                "The file could not be opened just now."));
        return with(page, "Retry-After", "5");
    }

    static Reply redirect(URI location) {
        return new Reply(302, Map.of(
                "Location", location.toString(),
                "Cache-Control", NO_STORE,
                "Referrer-Policy", "no-referrer",
                "X-Robots-Tag", "noindex"), "", false);
    }

    /** A page of the viewer (or its explanation why there is nothing to view) under {@code policy}. */
    static Reply page(int status, String policy, String html) {
        return new Reply(status, Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", NO_STORE,
                "Referrer-Policy", "no-referrer",
                "X-Robots-Tag", "noindex, nofollow",
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", policy), html, false);
    }

    static Reply noContent() {
        return new Reply(204, Map.of("Cache-Control", NO_STORE), "", false);
    }

    /** An RFC 9457 problem body; {@code field} names the input at fault, when one is. */
    static Reply problem(int status, String title, String detail, String field) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (!field.isEmpty()) {
            problem.put("field", field);
        }
        return new Reply(status, Map.of(
                "Content-Type", "application/problem+json",
                "Cache-Control", NO_STORE,
                "X-Content-Type-Options", "nosniff"), Json.write(problem), false);
    }

    static Reply methodNotAllowed(String allow) {
        return with(problem(405, "Method Not Allowed", "This route answers " + allow, ""), "Allow", allow);
    }

    static Reply tooManyBeacons(long retryAfterSeconds) {
        return with(problem(429, "Too Many Requests", "Too many beacons for this link; slow down", ""),
                "Retry-After", Long.toString(retryAfterSeconds));
    }

    static Reply with(Reply reply, String header, String value) {
        Map<String, String> headers = new HashMap<>(reply.headers());
        headers.put(header, value);
        return new Reply(reply.status(), headers, reply.body(), reply.base64());
    }

    private static String message(String title, String heading, String text) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title></head>
                <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
                <h1>%s</h1>
                <p>%s</p>
                </body></html>
                """.formatted(title, heading, text);
    }
}
