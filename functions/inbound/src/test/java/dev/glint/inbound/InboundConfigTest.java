package dev.glint.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glint.config.Env;
import dev.glint.config.TokenKeys;
import dev.glint.token.KeyRing;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inbound function's start-up configuration: defaults, and a missing or bad variable named. */
class InboundConfigTest {
    private static final String KEYS = KeyRing.generate().toJson();

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("GLINT_MAIN_TABLE", "glint-main");
        env.put("GLINT_EVENTS_TABLE", "glint-events");
        env.put("GLINT_TRACKING_BASE_URL", "https://t.glint.example");
        env.put("GLINT_TRACKING_ADDRESS_DOMAIN", "T.Glint.Example");
        env.put("GLINT_INBOUND_BUCKET", "glint-inbound");
        env.put("AWS_REGION", "eu-west-1");
        env.put(TokenKeys.INLINE, KEYS);
        return env;
    }

    @Test
    void readsTheEnvironmentWithDefaults() {
        // GIVEN only the required variables
        // WHEN the configuration is read
        InboundConfig config = InboundConfig.from(new Env(minimal()));
        // THEN they are used and the optional ones take their defaults
        assertEquals("glint-main", config.mainTable());
        assertEquals("glint-events", config.eventsTable());
        assertEquals("https://t.glint.example", config.trackingBaseUrl());
        assertEquals("t.glint.example", config.trackingDomain());
        assertEquals("glint-inbound", config.bucket());
        assertEquals("eu-west-1", config.region());
        assertEquals("inbound/", config.prefix());
        assertEquals(26_214_400L, config.maxBytes());
        assertEquals(InboundConfig.DEFAULT_MAX_BYTES, config.maxBytes());
        assertEquals("postmaster@t.glint.example", config.noticeFrom());
        assertEquals(Optional.empty(), config.sesConfigurationSet());
        assertEquals(Optional.empty(), config.endpoint());
        assertEquals(Duration.ofDays(400), config.tokenLifetime());
        assertEquals(KEYS, config.keys().toJson());
    }

    @Test
    void readsTheOptionalVariables() {
        // GIVEN every optional variable set
        Map<String, String> env = minimal();
        env.put("GLINT_INBOUND_PREFIX", "mail/in/");
        env.put("GLINT_INBOUND_MAX_BYTES", " 10485760 ");
        env.put("GLINT_INBOUND_NOTICE_FROM", "relay@glint.example");
        env.put("GLINT_SES_CONFIGURATION_SET", "glint");
        env.put("GLINT_TOKEN_LIFETIME_DAYS", "30");
        env.put("GLINT_AWS_ENDPOINT", "http://127.0.0.1:4566");
        // WHEN it is read
        InboundConfig config = InboundConfig.from(new Env(env));
        // THEN they are used
        assertEquals("mail/in/", config.prefix());
        assertEquals(10_485_760L, config.maxBytes());
        assertEquals("relay@glint.example", config.noticeFrom());
        assertEquals(Optional.of("glint"), config.sesConfigurationSet());
        assertEquals(Duration.ofDays(30), config.tokenLifetime());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), config.endpoint());
    }

    @Test
    void aBlankOptionalVariableTakesTheDefault() {
        Map<String, String> env = minimal();
        env.put("GLINT_INBOUND_PREFIX", "  ");
        env.put("GLINT_INBOUND_MAX_BYTES", "");
        env.put("GLINT_INBOUND_NOTICE_FROM", " ");
        InboundConfig config = InboundConfig.from(new Env(env));
        assertEquals("inbound/", config.prefix());
        assertEquals(26_214_400L, config.maxBytes());
        assertEquals("postmaster@t.glint.example", config.noticeFrom());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GLINT_MAIN_TABLE", "GLINT_EVENTS_TABLE", "GLINT_TRACKING_BASE_URL",
            "GLINT_TRACKING_ADDRESS_DOMAIN", "GLINT_INBOUND_BUCKET", "AWS_REGION"})
    void stopsStartUpNamingAMissingVariable(String name) {
        // GIVEN the environment without one required variable, or with it blank
        for (String value : new String[] {null, "   "}) {
            Map<String, String> env = minimal();
            env.remove(name);
            if (value != null) {
                env.put(name, value);
            }
            // WHEN it is read THEN start-up stops naming it
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> InboundConfig.from(new Env(env)));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void stopsStartUpWithoutAnyKeyRing() {
        Map<String, String> env = minimal();
        env.remove(TokenKeys.INLINE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InboundConfig.from(new Env(env)));
        assertTrue(e.getMessage().contains(TokenKeys.SECRET), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "0", "-1", "25MB", "1.5", "99999999999999999999"})
    void stopsStartUpOnABadMaxBytes(String value) {
        assertNamed("GLINT_INBOUND_MAX_BYTES", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two years", "0", "-30", "1.5"})
    void stopsStartUpOnABadTokenLifetime(String value) {
        assertNamed("GLINT_TOKEN_LIFETIME_DAYS", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.glint.example", "ftp://t.glint.example", "//t.glint.example"})
    void stopsStartUpOnARelativeBaseUrl(String value) {
        assertNamed("GLINT_TRACKING_BASE_URL", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "t.glint.example.", "."})
    void stopsStartUpOnATrackingDomainThatIsNoDomainName(String value) {
        assertNamed("GLINT_TRACKING_ADDRESS_DOMAIN", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "127.0.0.1:4566", "http://"})
    void stopsStartUpOnABadEndpoint(String value) {
        assertNamed("GLINT_AWS_ENDPOINT", value);
    }

    private static void assertNamed(String name, String value) {
        // GIVEN one variable set to a bad value
        Map<String, String> env = minimal();
        env.put(name, value);
        // WHEN the configuration is read THEN start-up stops naming the variable
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InboundConfig.from(new Env(env)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
