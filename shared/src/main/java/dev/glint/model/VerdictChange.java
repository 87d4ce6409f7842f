package dev.glint.model;

import dev.glint.classify.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * An earlier verdict of an event, kept when later evidence relabelled it.
 *
 * @param at when this verdict was replaced
 */
public record VerdictChange(Verdict verdict, List<String> reasons, Instant at) {

    public VerdictChange {
        reasons = List.copyOf(reasons);
    }
}
