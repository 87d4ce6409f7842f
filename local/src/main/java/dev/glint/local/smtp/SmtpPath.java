package dev.glint.local.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argument of {@code MAIL FROM:} or {@code RCPT TO:}: a path and its ESMTP parameters.
 *
 * @param address the mailbox without angle brackets or source route; empty for {@code <>}
 * @param parameters {@code keyword[=value]} items as given
 */
record SmtpPath(String address, List<String> parameters) {
    /** RFC 5321 section 4.5.3.1.3, angle brackets included. */
    private static final int MAX_PATH_OCTETS = 256;

    /**
     * Parses what follows {@code FROM:} or {@code TO:}. Angle brackets may be missing when the
     * address has no spaces (clients in the wild do that); a quoted local part may hold spaces,
     * {@code >} or {@code @}. Empty when the path is malformed.
     */
    static Optional<SmtpPath> parse(String argument) {
        String s = argument.stripLeading(); // "MAIL FROM: <a@b>" is common, if not in the grammar
        String address;
        String rest;
        if (s.startsWith("<")) {
            int close = closingBracket(s);
            if (close < 0) {
                return Optional.empty();
            }
            address = s.substring(1, close);
            rest = s.substring(close + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ' ') {
                return Optional.empty();
            }
        } else {
            int space = s.indexOf(' ');
            address = space < 0 ? s : s.substring(0, space);
            rest = space < 0 ? "" : s.substring(space);
            if (address.isEmpty() || address.contains("<") || address.contains(">")) {
                return Optional.empty();
            }
        }
        if (address.startsWith("@")) { // obsolete source route "@a,@b:user@host": the mailbox is after ':'
            int colon = address.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            address = address.substring(colon + 1);
        }
        if (address.length() + 2 > MAX_PATH_OCTETS || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        List<String> parameters = new ArrayList<>();
        for (String item : rest.trim().split(" +")) {
            if (!item.isEmpty()) {
                parameters.add(item);
            }
        }
        return Optional.of(new SmtpPath(address, List.copyOf(parameters)));
    }

    /** True for {@code local@domain} with both parts present. */
    boolean isMailbox() {
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1;
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++; // quoted-pair
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
