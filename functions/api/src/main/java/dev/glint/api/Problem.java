package dev.glint.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 9457 problem: every error answer of the API is one of these, built by the factories
 * below and written by {@link #response}, so each kind of failure looks the same everywhere.
 */
record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        Map<String, String> headers) {

    static final String TYPE_BASE = "https://glint.example/problems/";
    static final String CONTENT_TYPE = "application/problem+json";
    /** A body listing thousands of bad addresses helps nobody: the first ones are enough to fix. */
    static final int MAX_LISTED_ERRORS = 100;

    /** One invalid field or query parameter, named as a path into the request ({@code to[2]}, {@code tracking.opens}). */
    record FieldError(String field, String detail) {}

    Problem {
        errors = List.copyOf(errors);
        headers = Map.copyOf(headers);
    }

    static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "1 field is invalid"
                : errors.size() + " fields are invalid";
        if (errors.size() > MAX_LISTED_ERRORS) {
            detail += "; the first " + MAX_LISTED_ERRORS + " are listed";
        }
        return new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail,
                errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)), Map.of());
    }

    static Problem invalid(String field, String detail) {
        return validation(List.of(new FieldError(field, detail)));
    }

    static Problem malformedJson(String detail) {
        return simple("malformed-json", "Malformed JSON", 400, detail);
    }

    static Problem unsupportedMediaType() {
        return simple("unsupported-media-type", "Unsupported media type", 415,
                "send the body as JSON with Content-Type: application/json");
    }

    static Problem payloadTooLarge(long limitBytes) {
        return simple("payload-too-large", "Payload too large", 413,
                "the body is larger than " + limitBytes + " bytes (" + (limitBytes >> 20) + " MiB) as UTF-8");
    }

    static Problem unauthorized() {
        return new Problem(TYPE_BASE + "unauthorized", "Unauthorized", 401,
                "send a valid API key as Authorization: Bearer glk_...", List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    /** The same answer for a missing route, a malformed id, an unknown email and another account's email. */
    static Problem notFound() {
        return simple("not-found", "Not found", 404, "there is nothing at this address");
    }

    static Problem methodNotAllowed(Set<String> allowed) {
        String allow = String.join(", ", allowed.stream().sorted().toList());
        return new Problem(TYPE_BASE + "method-not-allowed", "Method not allowed", 405,
                "this address answers " + allow, List.of(), Map.of("Allow", allow));
    }

    /** A retry that arrived while the request that first used its key has not stored its email yet. */
    static Problem idempotencyKeyInProgress() {
        return new Problem(TYPE_BASE + "idempotency-key-in-progress", "Request in progress", 409,
                "a request with this Idempotency-Key is still in progress; retry it shortly",
                List.of(), Map.of("Retry-After", "1"));
    }

    static Problem idempotencyKeyReused() {
        return simple("idempotency-key-reused", "Idempotency-Key reused", 422,
                "the Idempotency-Key was used with a different request; send a new request with a new key");
    }

    /** Says nothing of the cause: that is in the log line with the same request id. */
    /** The request clashes with what another account holds. */
    static Problem conflict(String field, String detail) {
        return new Problem(TYPE_BASE + "conflict", "Conflict", 409, field + " " + detail,
                List.of(new FieldError(field, detail)), Map.of());
    }

    /** Completing an attachment whose bytes were never uploaded. */
    static Problem uploadNotFound(String detail) {
        return simple("upload-not-found", "Upload not found", 409, detail);
    }

    static Problem internal() {
        return simple("internal", "Internal error", 500,
                "the request failed unexpectedly; quote the request id if you report it");
    }

    private static Problem simple(String type, String title, int status, String detail) {
        return new Problem(TYPE_BASE + type, title, status, detail, List.of(), Map.of());
    }

    ApiResponse response(String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("requestId", requestId);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        ApiResponse response = ApiResponse.json(status, CONTENT_TYPE, body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }
}
