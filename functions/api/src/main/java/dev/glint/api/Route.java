package dev.glint.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every method and path the API serves; the OpenAPI document must list exactly these. */
enum Route {
    LIST_EMAILS("GET", "/api/v1/emails", true),
    SEND_EMAIL("POST", "/api/v1/emails", true),
    GET_EMAIL("GET", "/api/v1/emails/{id}", true),
    EMAIL_STATS("GET", "/api/v1/emails/{id}/stats", true),
    EMAIL_EVENTS("GET", "/api/v1/emails/{id}/events", true),
    LIST_SENDERS("GET", "/api/v1/senders", true),
    PUT_SENDER("POST", "/api/v1/senders", true),
    DELETE_SENDER("DELETE", "/api/v1/senders/{id}", true),
    LIST_ATTACHMENTS("GET", "/api/v1/attachments", true),
    CREATE_ATTACHMENT("POST", "/api/v1/attachments", true),
    GET_ATTACHMENT("GET", "/api/v1/attachments/{id}", true),
    REVOKE_ATTACHMENT("DELETE", "/api/v1/attachments/{id}", true),
    COMPLETE_ATTACHMENT("POST", "/api/v1/attachments/{id}/complete", true),
    ATTACHMENT_STATS("GET", "/api/v1/attachments/{id}/stats", true),
    ATTACHMENT_EVENTS("GET", "/api/v1/attachments/{id}/events", true),
    OPENAPI("GET", "/api/v1/openapi.json", false);

    private final String method;
    private final String template;
    private final boolean needsKey;
    private final Pattern pattern;

    Route(String method, String template, boolean needsKey) {
        this.method = method;
        this.template = template;
        this.needsKey = needsKey;
        this.pattern = Pattern.compile(Pattern.quote(template).replace("{id}", "\\E([^/]+)\\Q"));
    }

    String method() {
        return method;
    }

    /** The path as OpenAPI writes it, e.g. {@code /api/v1/emails/{id}}. */
    String template() {
        return template;
    }

    boolean needsKey() {
        return needsKey;
    }

    /** The routes whose template matches {@code path}, whatever their method. */
    static List<Route> onPath(String path) {
        return Arrays.stream(values()).filter(r -> r.pattern.matcher(path).matches()).toList();
    }

    /** The {@code {id}} segment of a path this route matches. */
    Optional<String> id(String path) {
        Matcher m = pattern.matcher(path);
        return m.matches() && m.groupCount() == 1 ? Optional.of(m.group(1)) : Optional.empty();
    }
}
