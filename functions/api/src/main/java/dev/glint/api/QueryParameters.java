package dev.glint.api;

import dev.glint.model.EventType;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The query parameters of the listing routes, checked as they are read; {@link #validate()}
 * then answers 400 naming every bad one. An empty value counts as absent.
 */
final class QueryParameters {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    private static final int MAX_CURSOR = 2048;

    private final Map<String, String> values;
    private final FieldErrors errors = new FieldErrors();

    QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    int limit() {
        Optional<String> raw = value("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        Optional<Integer> limit = number(raw.get(), 1, MAX_LIMIT);
        if (limit.isEmpty()) {
            errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return limit.orElse(DEFAULT_LIMIT);
    }

    /** Opaque: the store decides whether it is one of its own ({@code InvalidCursorException} otherwise). */
    Optional<String> cursor() {
        Optional<String> cursor = value("cursor");
        if (cursor.isPresent() && cursor.get().length() > MAX_CURSOR) {
            errors.add("cursor", "is not a cursor of this listing; start again without it");
            return Optional.empty();
        }
        return cursor;
    }

    /** A recipient index of an email with {@code recipientCount} recipients. */
    Optional<Integer> recipient(int recipientCount) {
        Optional<String> raw = value("recipient");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> index = number(raw.get(), 0, recipientCount - 1);
        if (index.isEmpty()) {
            errors.add("recipient", recipientCount == 0
                    ? "this email has no recipients"
                    : "must be a recipient index from 0 to " + (recipientCount - 1));
        }
        return index;
    }

    Optional<EventType> eventType() {
        Optional<String> raw = value("type");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<EventType> type = EventType.fromWire(raw.get());
        if (type.isEmpty()) {
            errors.add("type", "must be one of " + Arrays.stream(EventType.values())
                    .map(EventType::wire).collect(Collectors.joining(", ")));
        }
        return type;
    }

    /** Answers 400 when any parameter read so far was bad. */
    void validate() {
        errors.throwIfAny();
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    private static Optional<Integer> number(String raw, int min, int max) {
        if (raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int n = Integer.parseInt(raw);
        return n < min || n > max ? Optional.empty() : Optional.of(n);
    }
}
