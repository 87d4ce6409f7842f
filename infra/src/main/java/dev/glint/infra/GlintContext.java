package dev.glint.infra;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.constructs.Node;

/**
 * The context values of the app (cdk.json or `-c key=value`), validated once.
 *
 * @param sendingDomain         SES domain identity the API sends from ({@code sendingDomain}, default {@value #DEFAULT_SENDING_DOMAIN})
 * @param trackingBaseUrl       https base URL of tracking links, no trailing slash ({@code trackingBaseUrl}; empty = the API's own URL)
 * @param trackingAddressDomain domain SES receives tracking-address mail on, and its subdomains
 *                              ({@code trackingAddressDomain}, default {@value #DEFAULT_TRACKING_ADDRESS_DOMAIN})
 * @param codeDir               directory holding {@code glint-<name>-lambda.jar} files in place of the Maven build output ({@code codeDir})
 * @param officeConversion      whether to deploy the Office → PDF converter, a container image {@code cdk deploy} builds
 *                              with Docker ({@code officeConversion}, default false)
 * @param uploadOrigin          the web origin browsers upload attachments from ({@code uploadOrigin}, default
 *                              {@value #ANY_ORIGIN}: the presigned URL, not the origin, is what authorises an upload)
 */
public record GlintContext(
        String sendingDomain,
        Optional<String> trackingBaseUrl,
        String trackingAddressDomain,
        Optional<String> codeDir,
        boolean officeConversion,
        String uploadOrigin) {
    public static final String DEFAULT_SENDING_DOMAIN = "glint.example";
    public static final String DEFAULT_TRACKING_ADDRESS_DOMAIN = "t.glint.example";
    public static final String ANY_ORIGIN = "*";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    public GlintContext {
        requireDomain("sendingDomain", sendingDomain);
        requireDomain("trackingAddressDomain", trackingAddressDomain);
        trackingBaseUrl.ifPresent(GlintContext::requireHttpsBase);
        if (!ANY_ORIGIN.equals(uploadOrigin)) {
            requireHttpsOrigin(uploadOrigin);
        }
    }

    /** Reads the values from the app's construct node. */
    public static GlintContext from(Node node) {
        return read(node::tryGetContext);
    }

    /** Reads the values through {@code lookup}; blank values count as absent. */
    public static GlintContext read(Function<String, @Nullable Object> lookup) {
        return new GlintContext(
                text(lookup, "sendingDomain").map(d -> d.toLowerCase(Locale.ROOT)).orElse(DEFAULT_SENDING_DOMAIN),
                text(lookup, "trackingBaseUrl").map(u -> u.replaceAll("/+$", "")),
                text(lookup, "trackingAddressDomain").map(d -> d.toLowerCase(Locale.ROOT))
                        .orElse(DEFAULT_TRACKING_ADDRESS_DOMAIN),
                text(lookup, "codeDir"),
                text(lookup, "officeConversion").map(GlintContext::flag).orElse(false),
                text(lookup, "uploadOrigin").map(o -> o.replaceAll("/+$", "")).orElse(ANY_ORIGIN));
    }

    private static boolean flag(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("context officeConversion must be true or false: '" + value + "'");
        };
    }

    private static void requireHttpsOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context uploadOrigin is not a URL: '" + origin + "'", e);
        }
        // An origin is scheme, host and port only: S3 compares it with the browser's Origin header character for character.
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "context uploadOrigin must be * or an https origin such as https://app.example.com: '" + origin + "'");
        }
    }

    private static Optional<String> text(Function<String, @Nullable Object> lookup, String key) {
        return Optional.ofNullable(lookup.apply(key)).map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static void requireDomain(String key, String value) {
        if (!DOMAIN.matcher(value).matches()) {
            throw new IllegalArgumentException("context " + key + " is not a domain name: '" + value + "'");
        }
    }

    private static void requireHttpsBase(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context trackingBaseUrl is not a URL: '" + url + "'", e);
        }
        // Tracking links carry tokens: plain http would expose them, a query or fragment would break the paths appended.
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || url.endsWith("/")) {
            throw new IllegalArgumentException(
                    "context trackingBaseUrl must be an https URL without query, fragment or trailing slash: '" + url + "'");
        }
    }
}
