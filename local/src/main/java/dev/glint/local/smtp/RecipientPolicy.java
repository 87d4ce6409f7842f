package dev.glint.local.smtp;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/** Decides, per {@code RCPT TO}, whether the server takes mail for that address. */
@FunctionalInterface
public interface RecipientPolicy {
    /** The reason {@link #domain} gives for any address outside the tracking domain. */
    String RELAY_DENIED = "relay denied";

    /**
     * Empty to accept the recipient, or a short reason sent back as {@code 550 5.7.1 <reason>}.
     *
     * @param mailFrom the reverse path, empty for the null sender
     * @param rcptTo the recipient address without angle brackets
     */
    Optional<String> reject(String mailFrom, String rcptTo);

    /**
     * Accepts {@code x@<domain>} and {@code x@<anything>.<domain>}, ignoring case (and comparing
     * internationalised domains in their ASCII form); anything else is "relay denied".
     */
    static RecipientPolicy domain(String trackingDomain) {
        String domain = asciiDomain(trackingDomain)
                .orElseThrow(() -> new IllegalArgumentException("not a domain name: " + trackingDomain));
        return (mailFrom, rcptTo) -> {
            int at = rcptTo.lastIndexOf('@'); // a quoted local part may hold '@'; the domain never does
            Optional<String> rcptDomain = at < 0 ? Optional.empty() : asciiDomain(rcptTo.substring(at + 1));
            boolean ours = rcptDomain.filter(d -> d.equals(domain) || d.endsWith("." + domain)).isPresent();
            return ours ? Optional.empty() : Optional.of(RELAY_DENIED);
        };
    }

    private static Optional<String> asciiDomain(String domain) {
        if (domain.isEmpty() || domain.startsWith("[") || domain.startsWith(".") || domain.endsWith(".")) {
            return Optional.empty(); // address literals and empty labels are never ours
        }
        try {
            return Optional.of(IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
    }
}
