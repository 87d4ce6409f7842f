package dev.glint.api;

import dev.glint.model.Attachment;
import dev.glint.model.Page;
import dev.glint.store.AttachmentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link AttachmentStore} in memory, with DynamoAttachmentStore's conditional update; counts its calls. */
final class InMemoryAttachmentStore implements AttachmentStore {
    private final Map<String, Attachment> byId = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    int calls() {
        return calls.get();
    }

    @Override
    public void create(Attachment attachment) {
        calls.incrementAndGet();
        if (byId.putIfAbsent(attachment.id(), attachment) != null) {
            throw new IllegalStateException("exists");
        }
    }

    @Override
    public Optional<Attachment> find(String attachmentId) {
        calls.incrementAndGet();
        return Optional.ofNullable(byId.get(attachmentId));
    }

    @Override
    public Page<Attachment> list(String accountId, Optional<String> cursor, int limit) {
        calls.incrementAndGet();
        List<Attachment> all = byId.values().stream().filter(a -> a.accountId().equals(accountId))
                .sorted(Comparator.comparing(Attachment::createdAt).thenComparing(Attachment::id).reversed()).toList();
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public synchronized boolean update(Attachment attachment, Attachment.Status expected) {
        calls.incrementAndGet();
        Attachment now = byId.get(attachment.id());
        if (now == null || now.status() != expected || !now.accountId().equals(attachment.accountId())) {
            return false;
        }
        byId.put(attachment.id(), attachment);
        return true;
    }
}
