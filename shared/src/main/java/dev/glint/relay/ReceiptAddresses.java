package dev.glint.relay;

import dev.glint.model.Ids;
import dev.glint.token.AddressTags;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-recipient read-receipt addresses, {@code mdn-<email>-<recipient>-<tag>@<tracking domain>}:
 * short enough for a local part (at most 47 of its 64 octets), lower case (some servers fold
 * case), and tagged with a keyed MAC so that nobody can forge a receipt for a copy they never got.
 */
public final class ReceiptAddresses {
    private static final Pattern LOCAL = Pattern.compile("mdn-([0-9a-z]{20})-([0-9]{1,5})-([0-9a-z]{" + AddressTags.LENGTH + "})");
    /** The largest recipient index an address carries (five digits). */
    public static final int MAX_RECIPIENT = 99_999;
    private final TrackingAddresses domain;
    private final AddressTags tags;

    public ReceiptAddresses(TrackingAddresses domain, AddressTags tags) {
        this.domain = domain;
        this.tags = tags;
    }

    /** Which copy a receipt address stands for. */
    public record Copy(String emailId, int recipient) {}

    /** The receipt address of one copy; the recipient index must be 0 to {@link #MAX_RECIPIENT}. */
    public String address(String emailId, int recipient) {
        if (!Ids.isEmailId(emailId)) {
            throw new IllegalArgumentException("not an email id: " + emailId);
        }
        if (recipient < 0 || recipient > MAX_RECIPIENT) { // parse() reads 1 to 5 digits: anything else never comes back
            throw new IllegalArgumentException("a receipt address holds a recipient index 0-" + MAX_RECIPIENT + ", not " + recipient);
        }
        String local = "mdn-" + emailId.substring(3) + "-" + recipient;
        return local + "-" + tags.tag(local) + "@" + domain.domain();
    }

    /** The copy behind {@code address}; empty for anything else, a forged tag included. */
    public Optional<Copy> parse(String address) {
        String a = TrackingAddresses.bare(address).toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at < 0 || !a.substring(at + 1).equals(domain.domain())) {
            return Optional.empty();
        }
        Matcher m = LOCAL.matcher(a.substring(0, at));
        if (!m.matches()) {
            return Optional.empty();
        }
        String local = "mdn-" + m.group(1) + "-" + m.group(2);
        if (!tags.verify(local, m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Copy("em_" + m.group(1), Integer.parseInt(m.group(2))));
    }

    /** Whether {@code address} looks like a receipt address (tag not checked). */
    public boolean looksLikeOne(String address) {
        String a = TrackingAddresses.bare(address).toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        return at > 0 && a.substring(at + 1).equals(domain.domain()) && a.startsWith("mdn-");
    }
}
