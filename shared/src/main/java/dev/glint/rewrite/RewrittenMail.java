package dev.glint.rewrite;

import org.jspecify.annotations.Nullable;

/**
 * One recipient's copy of a mail.
 *
 * @param html the HTML part with click URLs and the pixel, or null when the mail has none
 * @param text the text part with click URLs, or null when the mail has none
 * @param pixels how many open pixels the copy carries: 1, or 0 when opens are not tracked or the
 *     HTML has no place where a pixel would render
 * @param honeypots how many hidden honeypot links the copy carries: 1 (right before the pixel's
 *     place), or 0 when clicks are not tracked or the HTML has no such place; never a tracked link
 * @param beacons how many CSS beacon blocks (one style block with its empty read and forward
 *     elements) the copy carries: 1 whenever it carries a pixel, else 0
 */
public record RewrittenMail(@Nullable String html, @Nullable String text, int pixels, int honeypots, int beacons) {}
