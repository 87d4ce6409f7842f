package dev.glint.hit;

import dev.glint.attach.AttachmentAudit;
import dev.glint.config.LogLine;
import dev.glint.model.EventType;
import dev.glint.model.HitInsight;
import dev.glint.model.RawHit;
import dev.glint.model.RecipientStats;
import dev.glint.model.TrackingEvent;
import dev.glint.store.EmailStore;
import dev.glint.store.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stores a raw hit as an event and brings the aggregates up to date, idempotently and without
 * transactions: the event is keyed by its hit id, and the aggregates are recomputed from the
 * recipient's events and stored only if newer. A retry after a crash between any two writes
 * therefore converges on the same state, and a replayed hit changes nothing.
 *
 * <p>Before each fold, later evidence ({@link Reclassification}) may relabel earlier events of
 * the recipient; each relabel is conditional on the event's revision, and the fold that follows
 * reads the events again, so a crash between the two is repaired by the retry's fold.
 */
public final class HitRecorder {
    private static final int MAX_RELABEL_ROUNDS = 3;
    private final EventStore events;
    private final EmailStore emails;
    private final @Nullable HitAnalyst analyst;
    private final @Nullable AttachmentAudit audit;
    private final Clock clock;

    public HitRecorder(EventStore events, EmailStore emails, HitAnalyst analyst) {
        this(events, emails, analyst, Clock.systemUTC());
    }

    /**
     * A recorder of events that arrive by mail ({@link #recordEvent}) only: it has no analyst,
     * so it refuses raw hits (the inbound relay needs no user-agent or GeoIP data).
     */
    public static HitRecorder forMailEvents(EventStore events, EmailStore emails) {
        return new HitRecorder(events, emails, null, Clock.systemUTC());
    }

    /** @param clock stamps the verdicts that relabels replace */
    public HitRecorder(EventStore events, EmailStore emails, @Nullable HitAnalyst analyst, Clock clock) {
        this(events, emails, analyst, null, clock);
    }

    /**
     * A recorder that also audits attachment hits: an access goes to the attachment's audit log
     * and, as an event, to the email's timeline; a viewer beacon goes to the audit log only.
     */
    public HitRecorder(EventStore events, EmailStore emails, @Nullable HitAnalyst analyst,
            @Nullable AttachmentAudit audit, Clock clock) {
        this.events = events;
        this.emails = emails;
        this.analyst = analyst;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records the hit; returns whether it was new (false for a replay). */
    public boolean record(RawHit hit) {
        Instant sentAt = emails.sentAt(hit.emailId(), hit.recipient()).orElse(null);
        Optional<Boolean> fresh = store(hit, analyst().analyse(hit, sentAt));
        if (fresh.isEmpty()) {
            return false; // a beacon the audit log did not take
        }
        // Even for a replay: the earlier attempt may have died before folding.
        fold(hit.emailId(), hit.recipient());
        return fresh.get();
    }

    /**
     * Records an event that did not come as an HTTP hit (a read receipt): stored under its own id,
     * then the recipient folded, as for a hit; returns whether it was new.
     */
    public boolean recordEvent(TrackingEvent event) {
        boolean fresh = events.putIfAbsent(event);
        fold(event.emailId(), event.recipient());
        return fresh;
    }

    /**
     * Records a batch: every event first, then one recompute and fold per recipient, however
     * many of the batch's hits it has (a scanner clicking every link is one recipient).
     *
     * @param hits the batch by message id
     * @return the message ids that failed and must be retried
     */
    public Set<String> recordAll(Map<String, RawHit> hits) {
        Set<String> failed = new LinkedHashSet<>();
        Map<Recipient, List<String>> byRecipient = new LinkedHashMap<>();
        Map<Recipient, Optional<Instant>> sentTimes = new HashMap<>();
        hits.forEach((messageId, hit) -> {
            try {
                Recipient recipient = new Recipient(hit.emailId(), hit.recipient());
                Optional<Instant> sentAt = sentTimes.computeIfAbsent(recipient,
                        r -> emails.sentAt(r.emailId(), r.index()));
                if (store(hit, analyst().analyse(hit, sentAt.orElse(null))).isPresent()) {
                    byRecipient.computeIfAbsent(recipient, k -> new ArrayList<>()).add(messageId);
                }
            } catch (RuntimeException e) {
                failed.add(messageId);
                LogLine.count("WARN", "hit_failed", "HitFailed",
                        Map.of("messageId", messageId, "error", e.getClass().getName()));
            }
        });
        byRecipient.forEach((recipient, messageIds) -> {
            try {
                fold(recipient.emailId(), recipient.index());
            } catch (RuntimeException e) {
                failed.addAll(messageIds); // their events are stored; the retry folds them
                LogLine.count("WARN", "fold_failed", "HitFailed",
                        Map.of("emailId", recipient.emailId(), "recipient", recipient.index(),
                                "error", e.getClass().getName()));
            }
        });
        return failed;
    }

    /**
     * Stores what the hit becomes: the audit line of an attachment hit first, then the email's
     * event (none for a viewer beacon: it would flood the timeline).
     *
     * @return whether an email event was new; empty when the hit has no email event (a beacon)
     */
    private Optional<Boolean> store(RawHit hit, HitInsight insight) {
        if (hit.type() == EventType.ATTACHMENT || hit.type() == EventType.ATTACHMENT_BEACON) {
            if (audit == null) {
                throw new IllegalStateException("this recorder has no attachment audit log");
            }
            audit.record(hit, insight);
            if (hit.type() == EventType.ATTACHMENT_BEACON) {
                return Optional.empty();
            }
        }
        return Optional.of(events.putIfAbsent(TrackingEvent.of(hit, insight)));
    }

    private HitAnalyst analyst() {
        if (analyst == null) {
            throw new IllegalStateException("this recorder records mail-borne events only, not raw hits");
        }
        return analyst;
    }

    private void fold(String emailId, int recipient) {
        List<TrackingEvent> recorded = events.recipientEvents(emailId, recipient);
        // A relabel that loses a race to another worker is judged again on the fresh read; the
        // evidence only grows, so this settles in a round or two (bounded: the next hit resumes it).
        for (int round = 0; round < MAX_RELABEL_ROUNDS; round++) {
            List<Reclassification.Relabel> relabels = Reclassification.of(recorded);
            if (relabels.isEmpty()) {
                break;
            }
            Instant now = clock.instant();
            boolean lost = false;
            for (Reclassification.Relabel r : relabels) {
                if (events.relabel(r.event(), r.verdict(), r.reasons(), now)) {
                    LogLine.count("INFO", "event_relabelled", "EventRelabelled", Map.of("emailId", emailId,
                            "recipient", recipient, "hitId", r.event().hitId(), "verdict", r.verdict().wire()));
                } else {
                    lost = true; // another worker relabelled it first
                }
            }
            recorded = events.recipientEvents(emailId, recipient);
            if (!lost) {
                break;
            }
        }
        emails.foldRecipient(emailId, recipient, RecipientStats.of(recorded));
    }


    private record Recipient(String emailId, int index) {}
}
