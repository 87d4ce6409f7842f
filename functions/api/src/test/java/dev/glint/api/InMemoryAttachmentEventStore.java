package dev.glint.api;

import dev.glint.model.AttachmentEvent;
import dev.glint.model.Page;
import dev.glint.store.AttachmentEventStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link AttachmentEventStore} in memory, keyed as in DynamoDB (attachment, time, hit id); counts its calls. */
final class InMemoryAttachmentEventStore implements AttachmentEventStore {
    private final Map<String, AttachmentEvent> lines = new ConcurrentSkipListMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    int calls() {
        return calls.get();
    }

    @Override
    public boolean putIfAbsent(AttachmentEvent e, Instant keepUntil) {
        calls.incrementAndGet();
        return lines.putIfAbsent(e.attachmentId() + "/" + String.format("%013d#%s", e.at().toEpochMilli(), e.hitId()), e) == null;
    }

    private final Map<String, java.util.Set<String>> admitted = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public boolean admitBeacon(String attachmentId, String session, String hitId, int max, Instant keepUntil) {
        java.util.Set<String> ids = admitted.computeIfAbsent(attachmentId + "/" + session,
                k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
        synchronized (ids) {
            if (ids.contains(hitId)) {
                return true;
            }
            if (ids.size() >= max) {
                return false;
            }
            return ids.add(hitId);
        }
    }

    @Override
    public Page<AttachmentEvent> events(String attachmentId, Optional<String> cursor, int limit) {
        calls.incrementAndGet();
        List<AttachmentEvent> all = all(attachmentId);
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public List<AttachmentEvent> all(String attachmentId) {
        return lines.entrySet().stream().filter(e -> e.getKey().startsWith(attachmentId + "/")).map(Map.Entry::getValue).toList();
    }
}
