package dev.glint.classify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Whether a hit loaded the pixel of a mail or followed one of its links. */
public enum HitKind {
    OPEN,
    CLICK;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON and in the rules file: {@code open} or {@code click}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire name. */
    public static Optional<HitKind> fromWire(String value) {
        return switch (value) {
            case "open" -> Optional.of(OPEN);
            case "click" -> Optional.of(CLICK);
            default -> Optional.empty();
        };
    }
}
