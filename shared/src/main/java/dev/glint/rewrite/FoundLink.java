package dev.glint.rewrite;

/**
 * A link and where its value sits in the part's source.
 *
 * @param start first character of the value in the source (inside the quotes, if any)
 * @param end end of the value, exclusive
 * @param quoted whether the value is quoted in the source; an unquoted one gets quotes when replaced
 */
record FoundLink(MailPart part, String element, String href, int start, int end, boolean quoted, LinkVerdict verdict) {}
