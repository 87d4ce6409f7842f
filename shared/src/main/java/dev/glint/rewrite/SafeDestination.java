package dev.glint.rewrite;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for redirect targets, applied when a link is rewritten and again when a click is
 * redirected: {@code http}/{@code https}, a host, no userinfo, no control characters, at most
 * {@value #MAX_LENGTH} characters.
 *
 * <p>{@link URI} alone is not the parser: real links carry characters it rejects ({@code |},
 * {@code {}}, non-ASCII, a space pasted into a path) and it reports no host for names with an
 * underscore. So the scheme and authority are read by hand and checked strictly, the rest is
 * percent-encoded the way a browser does before it sends the request, and {@link URI} must then
 * accept the result. Tabs, newlines, other whitespace and invisible format characters are
 * refused rather than repaired: browsers silently drop some of them, which hides what a link is.
 */
public final class SafeDestination {
    /** Longer destinations are refused. */
    public static final int MAX_LENGTH = 2048;

    private static final String HEX = "0123456789ABCDEF";
    /** ASCII that may stay as it is after the authority: RFC 3986 unreserved and sub-delims, plus ":@/?". */
    private static final String PLAIN = "-._~!$&'()*+,;=:@/?";

    private SafeDestination() {}

    /**
     * The normalised destination when {@code raw} is a safe redirect target, else empty.
     * Normalised: outer whitespace stripped, scheme lower-cased, an internationalised host in its
     * ASCII form, and characters outside RFC 3986 percent-encoded as UTF-8. Applying it to its own
     * result returns that result unchanged.
     */
    public static Optional<String> check(String raw) {
        String s = strip(raw);
        if (s.isEmpty() || s.length() > MAX_LENGTH || hasForbiddenCharacter(s)) {
            return Optional.empty();
        }
        String scheme;
        if (s.regionMatches(true, 0, "https://", 0, 8)) {
            scheme = "https";
        } else if (s.regionMatches(true, 0, "http://", 0, 7)) {
            scheme = "http";
        } else {
            return Optional.empty();
        }
        int authorityStart = scheme.length() + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < s.length() && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        Optional<String> authority = authority(s.substring(authorityStart, authorityEnd));
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> rest = encodeRest(s, authorityEnd);
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String normalised = scheme + "://" + authority.get() + rest.get();
        if (normalised.length() > MAX_LENGTH || !parsesAsUri(normalised)) {
            return Optional.empty();
        }
        return Optional.of(normalised);
    }

    /** Strips what a browser strips from both ends of a URL: C0 controls and spaces. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    // A space is let through to be encoded as %20, as a browser does; every other whitespace,
    // control or format character (bidi overrides, zero-width) makes the link unsafe. A backslash
    // is refused because browsers read it as "/" in the authority, which a server-side parser does not.
    private static boolean hasForbiddenCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                continue;
            }
            if (c < ' ' || c == 0x7f || c == '\\' || (c >= 0x80 && c <= 0x9f)
                    || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> authority(String authority) {
        if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.indexOf('%') >= 0
                || authority.indexOf(' ') >= 0) {
            return Optional.empty();
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(0, close + 1);
            port = authority.substring(close + 1);
            if (!host.substring(1, host.length() - 1).chars().allMatch(c -> c == ':' || c == '.' || isHex(c))) {
                return Optional.empty();
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon);
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (host.isEmpty() || host.startsWith(".") || !host.chars().allMatch(SafeDestination::isHostCharacter)) {
                return Optional.empty();
            }
        }
        if (!port.isEmpty() && !validPort(port)) {
            return Optional.empty();
        }
        return Optional.of(host + port);
    }

    private static boolean validPort(String port) {
        // ":" then 1-5 digits up to 65535
        if (port.length() < 2 || port.length() > 6 || port.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(port.substring(1)) <= 65535;
    }

    private static boolean isHostCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_';
    }

    /** Path, query and fragment, percent-encoded where RFC 3986 does not allow a character. */
    private static Optional<String> encodeRest(String s, int from) {
        StringBuilder out = null;
        boolean inFragment = false;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean keep;
            if (c == '#') {
                keep = !inFragment; // a second '#' is data inside the fragment
                inFragment = true;
            } else if (c == '%') {
                keep = i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
            } else {
                keep = c < 0x80 && (Character.isLetterOrDigit(c) || PLAIN.indexOf(c) >= 0);
            }
            if (keep) {
                if (out != null) {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, from, i);
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c)) {
                if (end >= s.length() || !Character.isLowSurrogate(s.charAt(end))) {
                    return Optional.empty();
                }
                end++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.empty();
            }
            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
            i = end;
        }
        return Optional.of(out == null ? s.substring(from) : out.toString());
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean parsesAsUri(String s) {
        try {
            URI uri = new URI(s);
            return uri.getScheme() != null && uri.getRawAuthority() != null
                    && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
