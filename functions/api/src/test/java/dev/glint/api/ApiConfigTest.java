package dev.glint.api;

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

/** Start-up configuration: defaults, and a bad or missing variable stops start-up naming it. */
class ApiConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("GLINT_MAIN_TABLE", "glint-main");
        env.put("GLINT_EVENTS_TABLE", "glint-events");
        env.put("GLINT_TRACKING_BASE_URL", "https://t.glint.example");
        env.put("AWS_REGION", "eu-west-1");
        env.put(TokenKeys.INLINE, KeyRing.generate().toJson());
        return env;
    }

    @Test
    void readsTheEnvironmentWithDefaults() {
        // GIVEN only the required variables
        // WHEN the configuration is read
        ApiConfig config = ApiConfig.from(new Env(minimal()));
        // THEN the optional ones take their defaults
        assertEquals("glint-main", config.mainTable());
        assertEquals("glint-events", config.eventsTable());
        assertEquals(Duration.ofDays(400), config.tokenLifetime());
        assertEquals(Optional.empty(), config.sesConfigurationSet());
        assertEquals(Optional.empty(), config.endpoint());
    }

    @Test
    void readsTheOptionalVariables() {
        // GIVEN every optional variable set
        Map<String, String> env = minimal();
        env.put("GLINT_SES_CONFIGURATION_SET", "glint");
        env.put("GLINT_TOKEN_LIFETIME_DAYS", "30");
        env.put("GLINT_AWS_ENDPOINT", "http://127.0.0.1:4566");
        // WHEN the configuration is read
        ApiConfig config = ApiConfig.from(new Env(env));
        // THEN they are used
        assertEquals(Optional.of("glint"), config.sesConfigurationSet());
        assertEquals(Duration.ofDays(30), config.tokenLifetime());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), config.endpoint());
    }

    @Test
    void stopsStartUpNamingAMissingOrBadVariable() {
        for (String name : new String[] {"GLINT_MAIN_TABLE", "GLINT_EVENTS_TABLE", "GLINT_TRACKING_BASE_URL", "AWS_REGION"}) {
            // GIVEN the environment without one required variable
            Map<String, String> env = minimal();
            env.remove(name);
            // WHEN it is read
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiConfig.from(new Env(env)));
            // THEN the message names the variable
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        Map<String, String> bad = minimal();
        bad.put("GLINT_TOKEN_LIFETIME_DAYS", "two years");
        assertTrue(assertThrows(IllegalStateException.class, () -> ApiConfig.from(new Env(bad)))
                .getMessage().contains("GLINT_TOKEN_LIFETIME_DAYS"));
        Map<String, String> relative = minimal();
        relative.put("GLINT_TRACKING_BASE_URL", "t.glint.example");
        assertTrue(assertThrows(IllegalStateException.class, () -> ApiConfig.from(new Env(relative)))
                .getMessage().contains("GLINT_TRACKING_BASE_URL"));
    }
}
