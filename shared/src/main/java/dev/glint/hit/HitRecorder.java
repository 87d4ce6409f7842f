package dev.glint.hit;

import dev.glint.model.RawHit;
import dev.glint.model.RecipientStats;
import dev.glint.model.TrackingEvent;
import dev.glint.store.EmailStore;
import dev.glint.store.EventStore;

/**
 * Stores a raw hit as an event and brings the aggregates up to date, idempotently and without
 * transactions: the event is keyed by its hit id, and the aggregates are recomputed from the
 * recipient's events and stored only if newer. A retry after a crash between any two writes
 * therefore converges on the same state, and a replayed hit changes nothing.
 */
public final class HitRecorder {
    private final EventStore events;
    private final EmailStore emails;

    public HitRecorder(EventStore events, EmailStore emails) {
        this.events = events;
        this.emails = emails;
    }

    /** Records the hit; returns whether it was new (false for a replay). */
    public boolean record(RawHit hit) {
        TrackingEvent event = TrackingEvent.of(hit);
        boolean fresh = events.putIfAbsent(event);
        // Even for a replay: the earlier attempt may have died before folding.
        RecipientStats stats = RecipientStats.of(events.recipientEvents(event.emailId(), event.recipient()));
        emails.foldRecipient(event.emailId(), event.recipient(), stats);
        return fresh;
    }
}
