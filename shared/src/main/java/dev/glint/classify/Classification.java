package dev.glint.classify;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one hit with the reasons that led to it and the mail client.
 *
 * @param reasons stable rule ids with a human explanation, e.g. {@code "ua:GoogleImageProxy (…)"};
 *     {@code "no machine trait"} for a person
 * @param client the mail client ("Apple Mail", "Gmail", "Outlook (desktop)", …) or {@code "unknown"}
 */
public record Classification(Verdict verdict, List<String> reasons, String client) {
    /** The client name when nothing identifies one. */
    public static final String UNKNOWN_CLIENT = "unknown";

    public Classification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(client, "client");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a classification needs at least one reason");
        }
    }
}
