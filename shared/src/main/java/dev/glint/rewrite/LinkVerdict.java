package dev.glint.rewrite;

/** Whether a link is sent through a click URL, and if not, why. */
sealed interface LinkVerdict {

    /** Rewrite it; {@code destination} is what the click redirects to. */
    record Rewrite(String destination) implements LinkVerdict {}

    /** Leave it as written. */
    record Keep(String reason) implements LinkVerdict {}
}
