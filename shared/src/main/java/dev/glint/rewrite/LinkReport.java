package dev.glint.rewrite;

import org.jspecify.annotations.Nullable;

/**
 * One link found in a mail and what the rewrite does with it.
 *
 * @param element the tag name ({@code a}, {@code area}, {@code v:roundrect}...) or {@code text}
 * @param href the link as written, entity-decoded
 * @param reason why it is left untouched ({@code mailto}, {@code relative}, {@code template},
 *     {@code unsafe}...); null when rewritten
 * @param index its {@link TrackedLink#index()}, or -1 when not rewritten
 */
public record LinkReport(
        MailPart part, String element, String href, boolean rewritten, @Nullable String reason, int index) {}
