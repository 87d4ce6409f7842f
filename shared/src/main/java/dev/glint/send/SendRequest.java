package dev.glint.send;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A validated request to send one email to several recipients, one tracked copy each. */
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
        Delivery delivery) {

    public SendRequest {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** A request that Glint delivers through SES. */
    public SendRequest(String accountId, String from, List<String> to, List<String> cc, List<String> bcc,
            String subject, @Nullable String html, @Nullable String text, boolean trackOpens, boolean trackClicks) {
        this(accountId, from, to, cc, bcc, subject, html, text, trackOpens, trackClicks, Delivery.SES);
    }
}
