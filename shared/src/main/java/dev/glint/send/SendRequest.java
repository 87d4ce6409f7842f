package dev.glint.send;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated request to send one email to several recipients, one tracked copy each.
 *
 * @param attachments ids of the account's attachments each copy links to, in order, distinct; the
 *     send checks that each one can be reached
 */
public record SendRequest(
        String accountId,
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        @Nullable String html,
        @Nullable String text,
        boolean trackOpens,
        boolean trackClicks,
        Delivery delivery,
        List<String> attachments) {

    public SendRequest {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        attachments = List.copyOf(attachments);
    }

    /** A request without attachments. */
    public SendRequest(String accountId, String from, List<String> to, List<String> cc, List<String> bcc,
            String subject, @Nullable String html, @Nullable String text, boolean trackOpens, boolean trackClicks,
            Delivery delivery) {
        this(accountId, from, to, cc, bcc, subject, html, text, trackOpens, trackClicks, delivery, List.of());
    }

    /** A request without attachments that Glint delivers through SES. */
    public SendRequest(String accountId, String from, List<String> to, List<String> cc, List<String> bcc,
            String subject, @Nullable String html, @Nullable String text, boolean trackOpens, boolean trackClicks) {
        this(accountId, from, to, cc, bcc, subject, html, text, trackOpens, trackClicks, Delivery.SES);
    }
}
