package dev.glint.stats;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What happened to one email: sends, opens and clicks in total, per link and per recipient. */
public record EmailStats(
        String emailId,
        int recipients,
        int sent,
        int failed,
        int pending,
        int opens,
        int uniqueOpens,
        int clicks,
        int uniqueClicks,
        int probes,
        @Nullable Instant firstOpenAt,
        @Nullable Instant lastOpenAt,
        @Nullable Instant firstClickAt,
        @Nullable Instant lastClickAt,
        List<LinkStats> links,
        List<RecipientSummary> perRecipient) {

    /** Clicks on one tracked link. */
    public record LinkStats(int index, String url, int clicks, int uniqueClicks) {}

    /** One recipient's delivery status and activity. */
    public record RecipientSummary(
            int index,
            String address,
            String field,
            String status,
            @Nullable String error,
            int opens,
            int clicks,
            int probes,
            @Nullable Instant firstOpenAt,
            @Nullable Instant lastOpenAt,
            @Nullable Instant firstClickAt,
            @Nullable Instant lastClickAt) {}
}
