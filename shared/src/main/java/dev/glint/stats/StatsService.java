package dev.glint.stats;

import dev.glint.model.EmailRecord;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.store.EmailStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link EmailStats} from the recipient items, which carry each recipient's aggregate: one
 * Query on the email's partition, no scans. The email's totals are their sum, computed on read so
 * that a hit writes one small item instead of rewriting an email-wide one.
 */
public final class StatsService {
    private final EmailStore emails;

    public StatsService(EmailStore emails) {
        this.emails = emails;
    }

    public EmailStats stats(EmailRecord email) {
        List<RecipientRecord> recipients = emails.recipients(email.id());
        int sent = 0;
        int failed = 0;
        int pending = 0;
        List<EmailStats.RecipientSummary> summaries = new ArrayList<>(recipients.size());
        for (RecipientRecord r : recipients) {
            switch (r.status()) {
                case "sent" -> sent++;
                case "failed" -> failed++;
                default -> pending++;
            }
            RecipientStats s = r.stats();
            summaries.add(new EmailStats.RecipientSummary(r.index(), r.address(), r.field(), r.status(), r.error(),
                    s.opens(), s.clicks(), s.probes(), s.firstOpenAt(), s.lastOpenAt(), s.firstClickAt(), s.lastClickAt()));
        }
        int opens = 0;
        int uniqueOpens = 0;
        int clicks = 0;
        int uniqueClicks = 0;
        int probes = 0;
        Instant firstOpen = null;
        Instant lastOpen = null;
        Instant firstClick = null;
        Instant lastClick = null;
        int[] linkClicks = new int[email.links().size()];
        int[] linkUnique = new int[email.links().size()];
        for (RecipientRecord r : recipients) {
            RecipientStats s = r.stats();
            opens += s.opens();
            clicks += s.clicks();
            probes += s.probes();
            uniqueOpens += s.opens() > 0 ? 1 : 0;
            uniqueClicks += s.clicks() > 0 ? 1 : 0;
            firstOpen = RecipientStats.min(firstOpen, s.firstOpenAt());
            lastOpen = RecipientStats.max(lastOpen, s.lastOpenAt());
            firstClick = RecipientStats.min(firstClick, s.firstClickAt());
            lastClick = RecipientStats.max(lastClick, s.lastClickAt());
            s.linkClicks().forEach((link, count) -> {
                if (link >= 0 && link < linkClicks.length) {
                    linkClicks[link] += count;
                    linkUnique[link]++;
                }
            });
        }
        List<EmailStats.LinkStats> links = new ArrayList<>(linkClicks.length);
        for (int i = 0; i < linkClicks.length; i++) {
            links.add(new EmailStats.LinkStats(i, email.links().get(i), linkClicks[i], linkUnique[i]));
        }
        return new EmailStats(email.id(), email.recipientCount(), sent, failed, pending, opens, uniqueOpens,
                clicks, uniqueClicks, probes, firstOpen, lastOpen, firstClick, lastClick, links, summaries);
    }
}
