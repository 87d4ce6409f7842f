package dev.glint.classify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Who most likely caused a hit; the wire names are lower case. */
public enum Verdict {
    /** A person opened the mail or followed a link. */
    HUMAN,
    /** A mail provider's image proxy fetched the pixel because a person opened the mail; device unknown. */
    PROXY_OPEN,
    /** Apple Mail Privacy Protection loaded the pixel ahead of time: not evidence of a read. */
    PRIVACY_PREFETCH,
    /** A security scanner, link checker, preview bot, script or probe: machine noise. */
    SCANNER;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON, in stored items and in the rules file. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name. */
    public static Optional<Verdict> fromWire(String value) {
        for (Verdict verdict : values()) {
            if (verdict.wire.equals(value)) {
                return Optional.of(verdict);
            }
        }
        return Optional.empty();
    }
}
