package dev.glint.rewrite;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which links are rewritten: absolute {@code http}/{@code https} URLs that pass
 * {@link SafeDestination} and hold no template tag. Everything else keeps working as written.
 */
final class LinkRule {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern TAB_OR_NEWLINE = Pattern.compile("[\\t\\n\\r]");
    /**
     * The destination rides inside the click token, which base64 grows by a third: past this many
     * characters the click URL would pass the 2,083 that Outlook and old IE accept, so such a link
     * is left as written rather than broken.
     */
    static final int MAX_TRACKED_DESTINATION = 1400;
    private static final Set<String> NAMED_SCHEMES =
            Set.of("mailto", "tel", "sms", "javascript", "data", "vbscript", "file", "ftp");

    private LinkRule() {}

    /** Judges an entity-decoded {@code href} value or a URL found in text. */
    static LinkVerdict judge(String href) {
        String value = SafeDestination.strip(href);
        if (value.isEmpty()) {
            return new LinkVerdict.Keep("empty");
        }
        if (value.startsWith("#")) {
            return new LinkVerdict.Keep("anchor");
        }
        // Browsers drop tabs and newlines inside a URL, so "java\nscript:" is still javascript.
        Matcher scheme = SCHEME.matcher(TAB_OR_NEWLINE.matcher(value).replaceAll(""));
        String name = scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : "";
        if (!name.isEmpty() && !name.equals("http") && !name.equals("https")) {
            return new LinkVerdict.Keep(NAMED_SCHEMES.contains(name) ? name : "scheme");
        }
        if (TemplateTags.in(value)) {
            return new LinkVerdict.Keep("template");
        }
        if (name.isEmpty()) {
            boolean protocolRelative = value.startsWith("//") || value.startsWith("\\\\");
            return new LinkVerdict.Keep(protocolRelative ? "protocol-relative" : "relative");
        }
        return SafeDestination.check(value)
                .<LinkVerdict>map(d -> d.length() > MAX_TRACKED_DESTINATION
                        ? new LinkVerdict.Keep("too-long")
                        : new LinkVerdict.Rewrite(d))
                .orElse(new LinkVerdict.Keep("unsafe"));
    }
}
