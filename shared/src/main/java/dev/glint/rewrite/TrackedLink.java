package dev.glint.rewrite;

/**
 * A link that every stamped copy sends through a click URL.
 *
 * @param index position among the mail's tracked links: HTML links in source order, then text links
 * @param destination the normalised redirect target, as {@link SafeDestination#check} returns it
 */
public record TrackedLink(int index, String destination) {}
