package dev.glint.relay;

import dev.glint.mime.HeaderEditor;
import dev.glint.mime.HeaderField;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The top-level header of a relayed copy. */
public final class CopyHeaders {
    /** Fields a copy never carries: Bcc, receipt requests (Glint sets its own), and the inbound hop's trace and signatures. */
    private static final Set<String> DROPPED = Set.of("bcc", "disposition-notification-to", "return-receipt-to",
            "dkim-signature", "arc-seal", "arc-message-signature", "arc-authentication-results",
            "authentication-results", "received-spf", "return-path");

    private CopyHeaders() {}

    /**
     * Every field as it came except: tracking suffixes stripped wherever they appear (To, Cc,
     * Reply-To, SES's own Received line "for bob@example.com.t.glint.example", Resent-*, ...); the
     * fields above and SES's {@code X-SES-*} dropped (the sender's DKIM signature no longer holds
     * once the body changed, and SES signs the copy itself); a per-recipient receipt request added
     * when {@code receiptAddress} is given.
     */
    public static HeaderEditor editor(TrackingAddresses addresses, @Nullable String receiptAddress) {
        return (fields, bytes, lineBreak, out) -> {
            for (HeaderField field : fields) {
                String key = field.key();
                if (DROPPED.contains(key) || key.startsWith("x-ses-")) {
                    continue;
                }
                String raw = bytes.latin1(field.start(), field.end());
                if (addresses.mentions(raw)) {
                    out.write(addresses.stripSuffixes(raw).getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    bytes.writeTo(out, field.start(), field.end());
                }
            }
            if (receiptAddress != null) {
                out.write(("Disposition-Notification-To: <" + receiptAddress + ">" + lineBreak
                        + "Return-Receipt-To: <" + receiptAddress + ">" + lineBreak).getBytes(StandardCharsets.US_ASCII));
            }
        };
    }
}
