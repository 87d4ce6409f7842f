package dev.glint.relay;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses under the tracking domain: {@code bob@example.com.t.glint.example} stands for
 * {@code bob@example.com}; read receipts come back to addresses on the domain itself.
 */
public final class TrackingAddresses {
    /** A dot-atom (UTF-8 allowed, RFC 6531) or a quoted string. */
    private static final Pattern LOCAL_PART = Pattern.compile("\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"|[^\\s\"<>()\\[\\]@,;:\\\\]+");
    private final String domain;
    private final Pattern suffixInHeader;

    /** @param domain the tracking-address domain, e.g. {@code t.glint.example} */
    public TrackingAddresses(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith(".")) {
            d = d.substring(1);
        }
        if (d.isEmpty() || !d.contains(".") || d.endsWith(".")) {
            throw new IllegalArgumentException("the tracking-address domain must be a domain name like t.glint.example");
        }
        this.domain = d;
        // In a header (read as ISO-8859-1, one char per byte, so UTF-8 domains are bytes >= 0x80): "@<domain>.<suffix>".
        this.suffixInHeader = Pattern.compile(
                "(@[A-Za-z0-9\\-\\.\\u0080-\\u00ff]+?)\\." + Pattern.quote(d) + "(?![A-Za-z0-9\\-\\.\\u0080-\\u00ff])",
                Pattern.CASE_INSENSITIVE);
    }

    public String domain() {
        return domain;
    }

    /** Whether {@code address} is on the tracking domain or under it (anything the relay receives). */
    public boolean isOwn(String address) {
        String host = host(address);
        return host.equals(domain) || host.endsWith("." + domain);
    }

    /**
     * The real address behind a tracking address, its domain in ASCII (IDNA), or empty when
     * {@code address} is not one or what is left is no deliverable address.
     */
    public Optional<String> realAddress(String address) {
        String a = bare(address);
        int at = a.lastIndexOf('@');
        if (at <= 0 || !LOCAL_PART.matcher(a.substring(0, at)).matches()) {
            return Optional.empty(); // no local part, or one with a display name, blanks or brackets in it
        }
        String host = a.substring(at + 1).toLowerCase(Locale.ROOT);
        String suffix = "." + domain;
        if (!host.endsWith(suffix)) {
            return Optional.empty();
        }
        String real = Normalizer.normalize(host.substring(0, host.length() - suffix.length()), Normalizer.Form.NFC)
                .replaceAll("[\u3002\uff0e\uff61]", "."); // the other full stops IDNA takes as label separators
        if (real.isEmpty() || real.equals(domain) || real.endsWith(suffix) || !real.contains(".")) {
            return Optional.empty(); // nothing left, our own domain again (a loop), or a bare host name
        }
        try {
            String ascii = IDN.toASCII(real, IDN.USE_STD3_ASCII_RULES);
            // java.net.IDN is IDNA2003, which maps some characters to others (ß to ss, ς to σ) where IDNA2008
            // keeps them: faß.de would become fass.de, someone else's domain. A name that does not survive the
            // round trip unchanged is refused rather than delivered elsewhere.
            if (!IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES).equals(IDN.toUnicode(real, IDN.USE_STD3_ASCII_RULES))) {
                return Optional.empty();
            }
            return Optional.of(a.substring(0, at) + "@" + ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A header field with every tracking suffix removed from the addresses in it (raw bytes as ISO-8859-1). */
    public String stripSuffixes(String field) {
        String out = field;
        Matcher m = suffixInHeader.matcher(out);
        while (m.find()) { // again, for an address that went through the tracking domain twice (each pass shortens it)
            out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
            m = suffixInHeader.matcher(out);
        }
        return out;
    }

    /** Whether the text contains a tracking address. */
    public boolean mentions(String text) {
        return suffixInHeader.matcher(text).find();
    }

    static String bare(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1).trim();
        }
        return a;
    }

    private static String host(String address) {
        String a = bare(address);
        int at = a.lastIndexOf('@');
        return at < 0 ? "" : a.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
