package dev.glint.mail;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mail.glint.*} properties of a session, read and checked once per connect; a bad or
 * missing one fails with its name.
 *
 * @param endpoint the API's {@code /api/v1/emails}
 * @param smtpProtocol {@code smtp} or {@code smtps}: the transport each copy goes through
 */
record GlintSettings(URI endpoint, String apiKey, Duration timeout, OnFailure onFailure, ProviderPreset provider,
        String smtpProtocol, @Nullable String region) {
    static final String API_URL = "mail.glint.api.url";
    static final String API_KEY = "mail.glint.api.key";
    static final String API_TIMEOUT = "mail.glint.api.timeout";
    static final String ON_FAILURE = "mail.glint.on-failure";
    static final String PROVIDER = "mail.glint.provider";
    static final String PROVIDER_PROTOCOL = "mail.glint.provider.protocol";
    static final String PROVIDER_REGION = "mail.glint.provider.region";
    static final String TOKEN_SUPPLIER = "mail.glint.oauth2.token-supplier";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** What to do with a mail Glint cannot track. */
    enum OnFailure {
        /** Throw; nothing is sent. */
        FAIL,
        /** Send the original, untracked, to every recipient. */
        SEND_UNTRACKED
    }

    static GlintSettings from(Properties props) {
        URI endpoint = endpoint(required(props, API_URL, "the base URL of Glint's API, e.g. https://glint.example.com"));
        String key = required(props, API_KEY, "an API key of your Glint account (glk_...)");
        Duration timeout = timeout(props.getProperty(API_TIMEOUT));
        OnFailure onFailure = switch (props.getProperty(ON_FAILURE, "fail").strip().toLowerCase(Locale.ROOT)) {
            case "fail" -> OnFailure.FAIL;
            case "send-untracked" -> OnFailure.SEND_UNTRACKED;
            default -> throw new IllegalArgumentException(ON_FAILURE + " must be fail or send-untracked, not "
                    + props.getProperty(ON_FAILURE).strip());
        };
        String providerName = props.getProperty(PROVIDER, "custom");
        ProviderPreset provider = ProviderPreset.of(providerName).orElseThrow(() -> new IllegalArgumentException(
                PROVIDER + " must be one of " + ProviderPreset.names() + ", not " + providerName.strip()));
        String protocol = props.getProperty(PROVIDER_PROTOCOL, "smtp").strip().toLowerCase(Locale.ROOT);
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new IllegalArgumentException(PROVIDER_PROTOCOL + " must be smtp (STARTTLS) or smtps (TLS), not "
                    + protocol);
        }
        return new GlintSettings(endpoint, key, timeout, onFailure, provider, protocol, props.getProperty(PROVIDER_REGION));
    }

    /**
     * The session properties of the SMTP transport: the application's own, plus the preset's
     * defaults for any it did not set.
     */
    Properties smtpProperties(Properties user) {
        Properties out = new Properties();
        out.putAll(user);
        boolean hostSet = user.getProperty("mail." + smtpProtocol + ".host") != null;
        Map<String, String> defaults = provider.defaults(smtpProtocol, region, hostSet);
        defaults.forEach(out::putIfAbsent);
        return out;
    }

    /** The supplier named (or put) in {@code mail.glint.oauth2.token-supplier}, if any. */
    static @Nullable AccessTokenSupplier tokenSupplier(Properties props) {
        Object value = props.get(TOKEN_SUPPLIER);
        if (value == null) {
            return null;
        }
        if (value instanceof AccessTokenSupplier supplier) {
            return supplier;
        }
        String name = value.toString().strip();
        try {
            Class<?> type = Class.forName(name, true, contextLoader());
            if (!AccessTokenSupplier.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(TOKEN_SUPPLIER + " names " + name + ", which does not implement "
                        + AccessTokenSupplier.class.getName());
            }
            return (AccessTokenSupplier) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(TOKEN_SUPPLIER + " names " + name + ", which is not on the class path", e);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException(TOKEN_SUPPLIER + " names " + name
                    + ", which has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + name + " (" + TOKEN_SUPPLIER + ") failed: "
                    + e.getCause(), e.getCause());
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : GlintSettings.class.getClassLoader();
    }

    private static String required(Properties props, String name, String what) {
        String value = props.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: it must be " + what);
        }
        return value.strip();
    }

    private static URI endpoint(String base) {
        URI uri;
        try {
            uri = new URI(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(API_URL + " is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(API_URL + " must be an http or https URL with a host and nothing after"
                    + " the path, like https://glint.example.com");
        }
        return URI.create(uri + "/api/v1/emails");
    }

    private static Duration timeout(@Nullable String millis) {
        if (millis == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long ms = Long.parseLong(millis.strip());
            if (ms > 0) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(API_TIMEOUT + " must be a positive number of milliseconds, not " + millis);
    }
}
