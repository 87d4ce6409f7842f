package dev.glint.send;

import org.jspecify.annotations.Nullable;

/** One per-recipient copy, ready to hand to the mail provider. */
public record OutgoingMail(String from, String to, String subject, @Nullable String html, @Nullable String text) {}
