package dev.glint.api;

import dev.glint.model.Attachment;
import dev.glint.model.Page;
import dev.glint.store.AttachmentStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link AttachmentStore} in a map that counts its calls; {@link #seed} adds one without counting. */
final class InMemoryAttachmentStore implements AttachmentStore {
    private final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private int calls;

    void seed(Attachment attachment) {
        attachments.put(attachment.id(), attachment);
    }

    int calls() {
        return calls;
    }

    @Override
    public synchronized void create(Attachment attachment) {
        calls++;
        if (attachments.putIfAbsent(attachment.id(), attachment) != null) {
            throw new IllegalStateException("attachment " + attachment.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<Attachment> find(String attachmentId) {
        calls++;
        return Optional.ofNullable(attachments.get(attachmentId));
    }

    /** Newest first; the cursor is the id of the last attachment of the previous page. */
    @Override
    public synchronized Page<Attachment> list(String accountId, Optional<String> cursor, int limit) {
        calls++;
        List<Attachment> mine = attachments.values().stream().filter(a -> a.accountId().equals(accountId))
                .sorted(Comparator.comparing(Attachment::createdAt).reversed()).toList();
        int from = cursor.map(c -> mine.stream().map(Attachment::id).toList().indexOf(c) + 1).orElse(0);
        List<Attachment> page = mine.subList(Math.min(from, mine.size()), Math.min(from + limit, mine.size()));
        Optional<String> next = from + limit < mine.size() ? Optional.of(page.getLast().id()) : Optional.empty();
        return new Page<>(page, next);
    }

    @Override
    public synchronized boolean update(Attachment attachment, Attachment.Status expected) {
        calls++;
        Attachment stored = attachments.get(attachment.id());
        if (stored == null || stored.status() != expected) {
            return false;
        }
        attachments.put(attachment.id(), attachment);
        return true;
    }
}
