package dev.glint.api;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An email address (RFC 5322 addr-spec) with an optional display name, checked and put in the
 * form SES takes: an ASCII local part, the domain in IDNA ASCII form (Punycode), and a display
 * name that is quoted when it has specials and RFC 2047-encoded when it is not ASCII.
 */
record Mailbox(@Nullable String displayName, String localPart, String domain) {
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_ADDRESS = 254;
    private static final int MAX_HEADER = 998;

    /** Parses a mailbox; {@code allowDisplayName} admits {@code Name <addr>}. Throws with a detail for the caller. */
    static Mailbox parse(String text, boolean allowDisplayName) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("must not contain line breaks");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String name = null;
        String addrSpec = trimmed;
        int open = trimmed.lastIndexOf('<');
        if (trimmed.endsWith(">") && open >= 0) {
            if (!allowDisplayName) {
                throw new IllegalArgumentException("must be a plain address such as bob@example.com, without a name or <>");
            }
            name = displayName(trimmed.substring(0, open).strip());
            addrSpec = trimmed.substring(open + 1, trimmed.length() - 1);
        }
        Mailbox mailbox = addrSpec(addrSpec, name);
        if (mailbox.header().length() > MAX_HEADER) {
            throw new IllegalArgumentException("is longer than " + MAX_HEADER + " characters");
        }
        return mailbox;
    }

    /** The bare address, e.g. {@code bob@xn--bcher-kva.example}. */
    String address() {
        return localPart + "@" + domain;
    }

    /** What makes two addresses the same recipient: compared without regard to case. */
    String key() {
        return address().toLowerCase(Locale.ROOT);
    }

    /** The header form: the address alone, or {@code Name <address>}. */
    String header() {
        return displayName == null ? address() : encodeName(displayName) + " <" + address() + ">";
    }

    private static @Nullable String displayName(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        String name;
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            name = unquote(raw.substring(1, raw.length() - 1));
        } else {
            if (raw.indexOf('"') >= 0 || raw.indexOf('<') >= 0 || raw.indexOf('>') >= 0) {
                throw new IllegalArgumentException("has a name with \", < or >; put the name in double quotes");
            }
            name = raw;
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw new IllegalArgumentException("has a name with control characters");
        }
        return name.isBlank() ? null : name.strip();
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                out.append(quoted.charAt(++i));
            } else if (c == '"' || c == '\\') {
                throw new IllegalArgumentException("has a quoted name with an unescaped \" or \\");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Mailbox addrSpec(String addr, @Nullable String name) {
        int at = addr.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("is not an email address: it has no @");
        }
        String local = addr.substring(0, at);
        String domain = addr.substring(at + 1);
        checkLocalPart(local);
        String asciiDomain = asciiDomain(domain);
        String address = local + "@" + asciiDomain;
        if (address.length() > MAX_ADDRESS) {
            throw new IllegalArgumentException("is longer than " + MAX_ADDRESS + " characters");
        }
        return new Mailbox(name, local, asciiDomain);
    }

    private static void checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw new IllegalArgumentException("is not an email address: nothing before the @");
        }
        if (local.chars().anyMatch(c -> c > 0x7e)) {
            throw new IllegalArgumentException("must have only ASCII characters before the @");
        }
        if (local.length() > MAX_LOCAL) {
            throw new IllegalArgumentException("has more than " + MAX_LOCAL + " characters before the @");
        }
        if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
            checkQuotedLocalPart(local.substring(1, local.length() - 1));
            return;
        }
        boolean previousDot = true; // a leading dot is as wrong as two in a row
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '.') {
                if (previousDot) {
                    throw new IllegalArgumentException("has a misplaced dot before the @");
                }
                previousDot = true;
            } else if (isAtext(c)) {
                previousDot = false;
            } else {
                throw new IllegalArgumentException("has a character not allowed before the @: '" + printable(c) + "'");
            }
        }
        if (previousDot) {
            throw new IllegalArgumentException("has a misplaced dot before the @");
        }
    }

    private static void checkQuotedLocalPart(String inner) {
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) >= 0x20) {
                i++;
            } else if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                throw new IllegalArgumentException("has a quoted local part with a character that must be escaped");
            }
        }
    }

    private static String asciiDomain(String domain) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("is not an email address: nothing after the @");
        }
        if (domain.startsWith("[")) {
            throw new IllegalArgumentException("must have a domain name after the @, not an IP address");
        }
        if (domain.endsWith(".") || domain.startsWith(".") || domain.contains("..")) {
            throw new IllegalArgumentException("has a misplaced dot in the domain");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a domain that is not a valid host name");
        }
        if (ascii.isEmpty() || ascii.length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("has a domain that is not a valid host name");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("has a domain without a dot; use a full domain such as example.com");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))) {
                throw new IllegalArgumentException("has a domain that is not a valid host name");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("must have a domain name after the @, not an IP address");
        }
        return ascii;
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** A phrase as is when it is plain words, quoted when it has specials, RFC 2047 words when not ASCII. */
    private static String encodeName(String name) {
        if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            boolean plain = name.chars().allMatch(c -> c == ' ' || isAtext((char) c));
            return plain ? name : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        // Encoded words are at most 75 characters: 45 bytes of UTF-8 become 60 of base64 plus 12 of framing.
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int size = (int) Utf8.length(new String(Character.toChars(cp)));
            if (chunkBytes + size > 45) {
                words.add(encodedWord(chunk.toString()));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.appendCodePoint(cp);
            chunkBytes += size;
            i += Character.charCount(cp);
        }
        words.add(encodedWord(chunk.toString()));
        return String.join(" ", words);
    }

    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
