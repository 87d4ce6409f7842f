package dev.glint.stats;

import dev.glint.model.EmailRecord;
import dev.glint.model.Forwarding;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.store.EmailStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
        Totals t = new Totals(email.links().size());
        List<EmailStats.RecipientSummary> summaries = new ArrayList<>(recipients.size());
        for (RecipientRecord r : recipients) {
            RecipientStats s = r.stats();
            t.add(r.status(), s);
            summaries.add(new EmailStats.RecipientSummary(r.index(), r.address(), r.field(), r.status(), r.error(),
                    s.opens(), s.confirmedHumanOpens(), s.likelyOpens(), s.clicks(), s.humanClicks(), s.probes(), s.honeypots(),
                    s.opensByVerdict(), s.clicksByVerdict(), s.firstOpenAt(), s.lastOpenAt(), s.firstHumanOpenAt(),
                    s.firstClickAt(), s.lastClickAt(), s.clients(), s.devices(), s.countries(), s.cities(),
                    s.reading().bucket(), s.reading().readSeconds(), s.forwarding().forwarded(), s.forwarding().evidence(),
                    s.readReceipt()));
        }
        List<EmailStats.LinkStats> links = new ArrayList<>(email.links().size());
        for (int i = 0; i < email.links().size(); i++) {
            links.add(new EmailStats.LinkStats(i, email.links().get(i), t.linkClicks[i], t.linkUnique[i], t.linkHuman[i]));
        }
        return new EmailStats(email.id(), email.recipientCount(), t.sent, t.failed, t.pending, t.opens, t.uniqueOpens,
                t.confirmedHumanOpens, t.likelyOpens, t.uniqueLikelyOpens, t.clicks, t.uniqueClicks, t.humanClicks,
                t.probes, t.honeypots, t.opensByVerdict, t.clicksByVerdict, t.firstOpen, t.lastOpen, t.firstHumanOpen,
                t.firstClick, t.lastClick, t.clients, t.devices, t.countries, t.cities, t.reading, t.forwardedLikely, t.readReceipts, links,
                summaries);
    }

    /** The running sums over recipients. */
    private static final class Totals {
        int sent;
        int failed;
        int pending;
        int readReceipts;
        int opens;
        int uniqueOpens;
        int confirmedHumanOpens;
        int likelyOpens;
        int uniqueLikelyOpens;
        int clicks;
        int uniqueClicks;
        int humanClicks;
        int probes;
        int honeypots;
        @Nullable Instant firstOpen;
        @Nullable Instant lastOpen;
        @Nullable Instant firstHumanOpen;
        @Nullable Instant firstClick;
        @Nullable Instant lastClick;
        final Map<String, Integer> opensByVerdict = new TreeMap<>();
        final Map<String, Integer> clicksByVerdict = new TreeMap<>();
        final Map<String, Integer> clients = new TreeMap<>();
        final Map<String, Integer> devices = new TreeMap<>();
        final Map<String, Integer> countries = new TreeMap<>();
        final Map<String, Integer> cities = new TreeMap<>();
        final Map<String, Integer> reading = new TreeMap<>();
        int forwardedLikely;
        final int[] linkClicks;
        final int[] linkUnique;
        final int[] linkHuman;

        Totals(int links) {
            linkClicks = new int[links];
            linkUnique = new int[links];
            linkHuman = new int[links];
        }

        void add(String status, RecipientStats s) {
            switch (status) {
                case "sent" -> sent++;
                case "failed" -> failed++;
                default -> pending++;
            }
            opens += s.opens();
            uniqueOpens += s.opens() > 0 ? 1 : 0;
            confirmedHumanOpens += s.confirmedHumanOpens();
            likelyOpens += s.likelyOpens();
            uniqueLikelyOpens += s.firstHumanOpenAt() != null ? 1 : 0;
            clicks += s.clicks();
            uniqueClicks += s.clicks() > 0 ? 1 : 0;
            humanClicks += s.humanClicks();
            probes += s.probes();
            honeypots += s.honeypots();
            firstOpen = RecipientStats.min(firstOpen, s.firstOpenAt());
            lastOpen = RecipientStats.max(lastOpen, s.lastOpenAt());
            firstHumanOpen = RecipientStats.min(firstHumanOpen, s.firstHumanOpenAt());
            firstClick = RecipientStats.min(firstClick, s.firstClickAt());
            lastClick = RecipientStats.max(lastClick, s.lastClickAt());
            merge(opensByVerdict, s.opensByVerdict());
            merge(clicksByVerdict, s.clicksByVerdict());
            merge(clients, s.clients());
            merge(devices, s.devices());
            merge(countries, s.countries());
            merge(cities, s.cities());
            reading.merge(s.reading().bucket().wire(), 1, Integer::sum);
            forwardedLikely += s.forwarding().forwarded() == Forwarding.Likelihood.LIKELY ? 1 : 0;
            readReceipts += s.readReceipt() != null && s.readReceipt().disposition().equals("displayed") ? 1 : 0;
            s.linkClicks().forEach((link, count) -> {
                if (link >= 0 && link < linkClicks.length) {
                    linkClicks[link] += count;
                    linkUnique[link]++;
                }
            });
            s.linkHumanClicks().forEach((link, count) -> {
                if (link >= 0 && link < linkHuman.length) {
                    linkHuman[link] += count;
                }
            });
        }

        private static void merge(Map<String, Integer> into, Map<String, Integer> from) {
            from.forEach((k, v) -> into.merge(k, v, Integer::sum));
        }
    }
}
