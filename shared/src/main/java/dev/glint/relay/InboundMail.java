package dev.glint.relay;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What SES said about a received message, beside its bytes.
 *
 * @param messageId SES's id of the received message (also its S3 object name)
 * @param envelopeFrom the SMTP {@code MAIL FROM}, "" for a null sender
 * @param recipients the SMTP recipients SES accepted for this rule
 */
public record InboundMail(String messageId, String envelopeFrom, List<String> recipients, Verdicts verdicts,
        Instant receivedAt) {

    public InboundMail {
        recipients = List.copyOf(recipients);
    }

    /**
     * SES's receipt verdicts: each PASS, FAIL, GRAY, PROCESSING_FAILED or DISABLED (upper case).
     */
    public record Verdicts(String spf, String dkim, String dmarc, String spam, String virus) {
        public static final Verdicts ALL_PASS = new Verdicts("PASS", "PASS", "PASS", "PASS", "PASS");

        public Verdicts {
            spf = norm(spf);
            dkim = norm(dkim);
            dmarc = norm(dmarc);
            spam = norm(spam);
            virus = norm(virus);
        }

        private static String norm(String status) {
            return status == null || status.isBlank() ? "GRAY" : status.trim().toUpperCase(Locale.ROOT);
        }
    }
}
