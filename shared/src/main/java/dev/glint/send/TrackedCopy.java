package dev.glint.send;

import org.jspecify.annotations.Nullable;

/**
 * One recipient's tracked copy, handed back to a caller that delivers it itself.
 *
 * @param recipient the recipient's index in the email
 * @param field "to", "cc" or "bcc"
 */
public record TrackedCopy(int recipient, String address, String field, @Nullable String html, @Nullable String text) {}
