package dev.glint.stats;

import dev.glint.model.Forwarding;
import dev.glint.model.ReadReceipt;
import dev.glint.model.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one email: sends, opens and clicks in total, by verdict, per link and per
 * recipient. {@code opens}/{@code clicks} count every hit; {@code confirmedHumanOpens} are pixel
 * loads by a person's own device, {@code likelyOpens} add mail providers' image proxies (a real
 * open, device unknown); Apple Mail Privacy Protection prefetches and scanners are counted by
 * verdict but are never opens. {@code honeypots} counts follows of the hidden honeypot link
 * (machines only), which are never opens or clicks. {@code reading} counts recipients per reading
 * bucket ({@link Reading.Bucket}); {@code forwardedLikely} counts recipients whose copy was likely passed on;
 * {@code readReceipts} counts recipients whose mail client sent a read receipt saying "displayed".
 */
public record EmailStats(
        String emailId,
        int recipients,
        int sent,
        int failed,
        int pending,
        int opens,
        int uniqueOpens,
        int confirmedHumanOpens,
        int likelyOpens,
        int uniqueLikelyOpens,
        int clicks,
        int uniqueClicks,
        int humanClicks,
        int probes,
        int honeypots,
        Map<String, Integer> opensByVerdict,
        Map<String, Integer> clicksByVerdict,
        @Nullable Instant firstOpenAt,
        @Nullable Instant lastOpenAt,
        @Nullable Instant firstHumanOpenAt,
        @Nullable Instant firstClickAt,
        @Nullable Instant lastClickAt,
        Map<String, Integer> clients,
        Map<String, Integer> devices,
        Map<String, Integer> countries,
        Map<String, Integer> cities,
        Map<String, Integer> reading,
        int forwardedLikely,
        int readReceipts,
        List<LinkStats> links,
        List<RecipientSummary> perRecipient) {

    /** Clicks on one tracked link. */
    public record LinkStats(int index, String url, int clicks, int uniqueClicks, int humanClicks) {}

    /** One recipient's delivery status and activity. */
    public record RecipientSummary(
            int index,
            String address,
            String field,
            String status,
            @Nullable String error,
            int opens,
            int confirmedHumanOpens,
            int likelyOpens,
            int clicks,
            int humanClicks,
            int probes,
            int honeypots,
            Map<String, Integer> opensByVerdict,
            Map<String, Integer> clicksByVerdict,
            @Nullable Instant firstOpenAt,
            @Nullable Instant lastOpenAt,
            @Nullable Instant firstHumanOpenAt,
            @Nullable Instant firstClickAt,
            @Nullable Instant lastClickAt,
            Map<String, Integer> clients,
            Map<String, Integer> devices,
            Map<String, Integer> countries,
            Map<String, Integer> cities,
            Reading.Bucket reading,
            @Nullable Integer readSeconds,
            Forwarding.Likelihood forwarded,
            List<String> forwardEvidence,
            @Nullable ReadReceipt readReceipt) {}
}
