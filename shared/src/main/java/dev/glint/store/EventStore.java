package dev.glint.store;

import dev.glint.classify.Verdict;
import dev.glint.model.EventType;
import dev.glint.model.Page;
import dev.glint.model.TrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tracking events, keyed so that the same hit can only be stored once. */
public interface EventStore {
    /** Stores the event unless one with its hit id exists; returns whether it was new. */
    boolean putIfAbsent(TrackingEvent event);

    /**
     * Gives a stored event a new verdict, keeping its current one in its history, unless another
     * writer relabelled it since it was read: conditional on the event's {@code revision}.
     *
     * @param at when the verdict changed
     * @return whether this call applied the relabel
     */
    boolean relabel(TrackingEvent event, Verdict verdict, List<String> reasons, Instant at);

    /** Every event of one recipient of one email (strongly consistent). */
    List<TrackingEvent> recipientEvents(String emailId, int recipient);

    /** An email's events in time order, optionally of one recipient and one type. */
    Page<TrackingEvent> emailEvents(
            String emailId, Optional<Integer> recipient, Optional<EventType> type, Optional<String> cursor, int limit);
}
