package dev.glint.api;

import dev.glint.model.EmailRecord;
import dev.glint.model.Page;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.store.EmailStore;
import dev.glint.store.InvalidCursorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EmailStore} in maps that counts every call, so a test can prove bad input never
 * reached storage, and that can be told to fail, so a test can see what a 500 looks like.
 */
final class InMemoryEmailStore implements EmailStore {
    private final Map<String, EmailRecord> emails = new LinkedHashMap<>();
    private final Map<String, List<RecipientRecord>> recipients = new HashMap<>();
    private int calls;
    private @Nullable RuntimeException failure;
    private @Nullable Runnable beforeNextCreate;

    /** Seeds an email without counting it as a call. */
    void seed(EmailRecord email, List<RecipientRecord> rcpts) {
        emails.put(email.id(), email);
        recipients.put(email.id(), new ArrayList<>(rcpts));
    }

    /** Runs {@code action} once, when the next email is about to be stored: another request "during" a send. */
    void beforeNextCreate(Runnable action) {
        beforeNextCreate = action;
    }

    void failWith(RuntimeException e) {
        failure = e;
    }

    int calls() {
        return calls;
    }

    private void touch() {
        calls++;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void create(EmailRecord email, List<RecipientRecord> rcpts) {
        touch();
        Runnable action = beforeNextCreate;
        beforeNextCreate = null;
        if (action != null) {
            action.run();
        }
        seed(email, rcpts);
    }

    @Override
    public Optional<EmailRecord> find(String emailId) {
        touch();
        return Optional.ofNullable(emails.get(emailId));
    }

    /** Cursors are "offset:N" for the account's listing; anything else is not one of ours. */
    @Override
    public Page<EmailRecord> list(String accountId, Optional<String> cursor, int limit) {
        touch();
        List<EmailRecord> mine = emails.values().stream()
                .filter(e -> e.accountId().equals(accountId))
                .sorted(Comparator.comparing(EmailRecord::createdAt).reversed())
                .toList();
        int from = cursor.map(InMemoryEmailStore::offset).orElse(0);
        int to = Math.min(mine.size(), from + limit);
        return new Page<>(mine.subList(Math.min(from, to), to),
                to < mine.size() ? Optional.of("offset:" + to) : Optional.empty());
    }

    static int offset(String cursor) {
        if (!cursor.matches("offset:\\d{1,6}")) {
            throw new InvalidCursorException();
        }
        return Integer.parseInt(cursor.substring(7));
    }

    @Override
    public List<RecipientRecord> recipients(String emailId) {
        touch();
        return List.copyOf(recipients.getOrDefault(emailId, List.of()));
    }

    @Override
    public void markSent(String emailId, int recipient, String messageId, java.time.Instant sentAt) {
        touch();
        sentAt(emailId, recipient, sentAt);
        replace(emailId, recipient, r -> new RecipientRecord(r.index(), r.address(), r.field(), "sent", messageId, null, r.stats()));
    }

    private final Map<String, java.time.Instant> sentTimes = new HashMap<>();

    private void sentAt(String emailId, int recipient, java.time.Instant at) {
        sentTimes.put(emailId + "#" + recipient, at);
    }

    @Override
    public Optional<java.time.Instant> sentAt(String emailId, int recipient) {
        touch();
        return Optional.ofNullable(sentTimes.get(emailId + "#" + recipient));
    }

    @Override
    public void markFailed(String emailId, int recipient, String error) {
        touch();
        replace(emailId, recipient, r -> new RecipientRecord(r.index(), r.address(), r.field(), "failed", null, error, r.stats()));
    }

    private void replace(String emailId, int index, java.util.function.UnaryOperator<RecipientRecord> change) {
        List<RecipientRecord> list = recipients.get(emailId);
        list.set(index, change.apply(list.get(index)));
    }

    @Override
    public void foldRecipient(String emailId, int recipient, RecipientStats stats) {
        touch();
        replace(emailId, recipient, r -> new RecipientRecord(r.index(), r.address(), r.field(), r.status(), r.messageId(),
                r.error(), stats));
    }
}
