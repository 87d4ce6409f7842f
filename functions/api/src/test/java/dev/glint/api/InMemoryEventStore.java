package dev.glint.api;

import dev.glint.classify.Verdict;
import dev.glint.model.HitInsight;
import dev.glint.model.VerdictChange;
import java.time.Instant;
import dev.glint.model.EventType;
import dev.glint.model.Page;
import dev.glint.model.TrackingEvent;
import dev.glint.store.EventStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An {@link EventStore} in a list that counts every call; cursors are "offset:N". */
final class InMemoryEventStore implements EventStore {
    private final List<TrackingEvent> events = new ArrayList<>();
    private int calls;

    int calls() {
        return calls;
    }

    @Override
    public boolean putIfAbsent(TrackingEvent event) {
        calls++;
        if (events.stream().anyMatch(e -> e.hitId().equals(event.hitId()))) {
            return false;
        }
        return events.add(event);
    }

    @Override
    public boolean relabel(TrackingEvent e, Verdict verdict, List<String> reasons, Instant at) {
        int i = events.indexOf(e);
        if (i < 0) {
            return false; // relabelled since it was read
        }
        HitInsight was = e.insight();
        List<VerdictChange> history = new ArrayList<>(e.history());
        history.add(new VerdictChange(was.verdict(), was.reasons(), at));
        events.set(i, new TrackingEvent(e.hitId(), e.accountId(), e.emailId(), e.recipient(), e.type(), e.at(),
                e.link(), e.destination(), e.method(), e.ip(), e.userAgent(), e.headers(), e.trackingEndsAt(),
                new HitInsight(verdict, reasons, was.client(), was.device(), was.geo()), e.revision() + 1, history));
        return true;
    }

    @Override
    public List<TrackingEvent> recipientEvents(String emailId, int recipient) {
        calls++;
        return events.stream().filter(e -> e.emailId().equals(emailId) && e.recipient() == recipient).toList();
    }

    @Override
    public Page<TrackingEvent> emailEvents(
            String emailId, Optional<Integer> recipient, Optional<EventType> type, Optional<String> cursor, int limit) {
        calls++;
        List<TrackingEvent> matching = events.stream()
                .filter(e -> e.emailId().equals(emailId))
                .filter(e -> recipient.map(r -> e.recipient() == r).orElse(true))
                .filter(e -> type.map(t -> e.type() == t).orElse(true))
                .sorted(Comparator.comparing(TrackingEvent::at))
                .toList();
        int from = cursor.map(InMemoryEmailStore::offset).orElse(0);
        int to = Math.min(matching.size(), from + limit);
        return new Page<>(matching.subList(Math.min(from, to), to),
                to < matching.size() ? Optional.of("offset:" + to) : Optional.empty());
    }
}
