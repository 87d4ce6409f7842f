package dev.glint.api;

import dev.glint.auth.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Matches method and path to a {@link Route}, authenticates the caller and hands the request to
 * its resource. Order: unknown path 404, wrong method 405, no valid key 401, then the route.
 */
final class ApiRouter {
    static final long MAX_BODY_BYTES = 5L << 20;
    /** Read once: it is part of the jar and never changes at run time. */
    static final String OPENAPI = resource("/openapi.json");

    private final ApiKeys apiKeys;
    private final EmailResources emails;
    private final SenderResources senders;
    private final @Nullable AttachmentResources attachments;

    /** Without attachments (no bucket configured): their routes answer 404. */
    ApiRouter(ApiKeys apiKeys, EmailResources emails, SenderResources senders) {
        this(apiKeys, emails, senders, null);
    }

    ApiRouter(ApiKeys apiKeys, EmailResources emails, SenderResources senders, @Nullable AttachmentResources attachments) {
        this.apiKeys = apiKeys;
        this.emails = emails;
        this.senders = senders;
        this.attachments = attachments;
    }

    ApiResponse route(ApiRequest request) {
        List<Route> onPath = Route.onPath(request.path());
        if (onPath.isEmpty()) {
            throw new ApiException(Problem.notFound());
        }
        Route route = onPath.stream().filter(r -> r.method().equals(request.method())).findFirst()
                .orElseThrow(() -> new ApiException(Problem.methodNotAllowed(
                        onPath.stream().map(Route::method).collect(Collectors.toSet()))));
        String account = route.needsKey() ? authenticate(request) : "";
        String id = route.id(request.path()).orElse("");
        return switch (route) {
            case SEND_EMAIL -> emails.send(account, request.header(EmailResources.IDEMPOTENCY_KEY),
                    request.jsonBody(MAX_BODY_BYTES));
            case LIST_EMAILS -> emails.list(account, request.query());
            case GET_EMAIL -> emails.get(account, id);
            case EMAIL_STATS -> emails.stats(account, id);
            case EMAIL_EVENTS -> emails.events(account, id, request.query());
            case LIST_SENDERS -> senders.list(account);
            case PUT_SENDER -> senders.put(account, request.jsonBody(MAX_BODY_BYTES));
            case DELETE_SENDER -> senders.delete(account, id);
            case LIST_ATTACHMENTS -> attachments().list(account, request.query());
            case CREATE_ATTACHMENT -> attachments().create(account, request.jsonBody(MAX_BODY_BYTES));
            case GET_ATTACHMENT -> attachments().get(account, id);
            case REVOKE_ATTACHMENT -> attachments().revoke(account, id);
            case COMPLETE_ATTACHMENT -> attachments().complete(account, id,
                    request.body() == null || request.body().isEmpty() ? null : request.jsonBody(MAX_BODY_BYTES));
            case ATTACHMENT_STATS -> attachments().stats(account, id);
            case ATTACHMENT_EVENTS -> attachments().events(account, id, request.query());
            case OPENAPI -> ApiResponse.jsonText(200, "application/json", OPENAPI);
        };
    }

    private AttachmentResources attachments() {
        if (attachments == null) {
            throw new ApiException(Problem.notFound());
        }
        return attachments;
    }

    private String authenticate(ApiRequest request) {
        return apiKeys.authenticate(request.header("authorization"))
                .orElseThrow(() -> new ApiException(Problem.unauthorized()));
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(ApiRouter.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
