package dev.glint.send;

import java.util.List;

/**
 * A send refused before anything was stored or sent because its attachments cannot be used:
 * one refusal per field at fault ({@code attachments[i]}, or {@code html} when the HTML part has
 * no place where the links would show).
 */
public final class AttachmentsRefusedException extends RuntimeException {
    private final List<Refusal> refusals;

    /** One field at fault and why, in words a caller can act on. */
    public record Refusal(String field, String reason) {}

    public AttachmentsRefusedException(List<Refusal> refusals) {
        super(refusals.size() + " attachment problem(s), first: " + refusals.getFirst().field(), null, false, false);
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
