package dev.glint.config;

import java.util.Map;
import java.util.Optional;

/** Reads configuration from an environment map, failing fast with the variable's name. */
public record Env(Map<String, String> values) {

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** The value of {@code name}; a missing or blank one stops start-up with its name. */
    public String require(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
                "missing environment variable " + name));
    }

    /** The value of {@code name} when set and not blank. */
    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** An integer variable with a default; a malformed one stops start-up with its name. */
    public int integer(String name, int defaultValue) {
        return optional(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("environment variable " + name + " is not a whole number");
            }
        }).orElse(defaultValue);
    }
}
