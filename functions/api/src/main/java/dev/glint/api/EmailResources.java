package dev.glint.api;

import dev.glint.model.EmailRecord;
import dev.glint.model.EventType;
import dev.glint.model.Ids;
import dev.glint.send.IdempotentSends;
import dev.glint.send.IdempotentSends.Outcome;
import dev.glint.send.SendRequest;
import dev.glint.send.SendResult;
import dev.glint.stats.StatsService;
import dev.glint.store.EmailStore;
import dev.glint.store.EventStore;
import java.util.Map;
import java.util.Optional;

/** The email routes of one authenticated account: each reads or writes only that account's emails. */
final class EmailResources {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private final IdempotentSends sends;
    private final EmailStore emails;
    private final EventStore events;
    private final StatsService stats;

    EmailResources(IdempotentSends sends, EmailStore emails, EventStore events, StatsService stats) {
        this.sends = sends;
        this.emails = emails;
        this.events = events;
        this.stats = stats;
    }

    /** Validates the key and the body before the key is claimed, so a fixed request may reuse the key. */
    ApiResponse send(String accountId, Optional<String> idempotencyKey, String body) {
        if (idempotencyKey.isPresent() && !IdempotentSends.isWellFormedKey(idempotencyKey.get())) {
            throw new ApiException(Problem.invalid(IDEMPOTENCY_KEY, "must be 1 to 255 printable ASCII characters"));
        }
        SendRequest request = SendRequestParser.parse(accountId, body);
        return switch (sends.send(request, idempotencyKey)) {
            case Outcome.Sent(SendResult result) ->
                    ApiResponse.created("/api/v1/emails/" + result.email().id(),
                            EmailViews.Created.of(result, request.delivery()));
            case Outcome.Replayed(SendResult result) ->
                    ApiResponse.ok(EmailViews.Created.of(result, request.delivery()))
                            .withHeader("Idempotent-Replayed", "true");
            case Outcome.InProgress() -> throw new ApiException(Problem.idempotencyKeyInProgress());
            case Outcome.DifferentRequest() -> throw new ApiException(Problem.idempotencyKeyReused());
        };
    }

    ApiResponse list(String accountId, Map<String, String> query) {
        QueryParameters params = new QueryParameters(query);
        int limit = params.limit();
        Optional<String> cursor = params.cursor();
        params.validate();
        return ApiResponse.ok(EmailViews.Listing.of(emails.list(accountId, cursor, limit), EmailViews.Summary::of));
    }

    ApiResponse get(String accountId, String emailId) {
        EmailRecord email = owned(accountId, emailId);
        return ApiResponse.ok(EmailViews.Detail.of(email, emails.recipients(email.id())));
    }

    ApiResponse stats(String accountId, String emailId) {
        return ApiResponse.ok(stats.stats(owned(accountId, emailId)));
    }

    ApiResponse events(String accountId, String emailId, Map<String, String> query) {
        EmailRecord email = owned(accountId, emailId);
        QueryParameters params = new QueryParameters(query);
        Optional<Integer> recipient = params.recipient(email.recipientCount());
        Optional<EventType> type = params.eventType();
        int limit = params.limit();
        Optional<String> cursor = params.cursor();
        params.validate();
        return ApiResponse.ok(EmailViews.Listing.of(
                events.emailEvents(email.id(), recipient, type, cursor, limit), EmailViews.Event::of));
    }

    /** The email when it exists and is the account's; a malformed id is not even looked up. */
    private EmailRecord owned(String accountId, String emailId) {
        if (!Ids.isEmailId(emailId)) {
            throw new ApiException(Problem.notFound());
        }
        return emails.find(emailId)
                .filter(e -> e.accountId().equals(accountId))
                .orElseThrow(() -> new ApiException(Problem.notFound()));
    }
}
