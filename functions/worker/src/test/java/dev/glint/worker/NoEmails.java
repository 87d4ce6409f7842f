package dev.glint.worker;

import dev.glint.model.EmailRecord;
import dev.glint.model.Page;
import dev.glint.model.RecipientRecord;
import dev.glint.model.RecipientStats;
import dev.glint.store.EmailStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An {@link EmailStore} that holds nothing and accepts every write: the worker tests look at events only. */
final class NoEmails implements EmailStore {
    @Override
    public void create(EmailRecord email, List<RecipientRecord> recipients) {}

    @Override
    public Optional<EmailRecord> find(String emailId) {
        return Optional.empty();
    }

    @Override
    public Page<EmailRecord> list(String accountId, Optional<String> cursor, int limit) {
        return new Page<>(List.of(), Optional.empty());
    }

    @Override
    public List<RecipientRecord> recipients(String emailId) {
        return List.of();
    }

    @Override
    public void markSent(String emailId, int recipient, String messageId, Instant sentAt) {}

    @Override
    public Optional<Instant> sentAt(String emailId, int recipient) {
        return Optional.empty();
    }

    @Override
    public void markFailed(String emailId, int recipient, String error) {}

    @Override
    public void foldRecipient(String emailId, int recipient, RecipientStats stats) {}
}
