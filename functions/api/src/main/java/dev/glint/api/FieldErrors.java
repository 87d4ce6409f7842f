package dev.glint.api;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request so that one answer can name them all. */
final class FieldErrors {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    void add(String field, String detail) {
        errors.add(new Problem.FieldError(field, detail));
    }

    boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Throws the validation problem when anything was added. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.validation(errors));
        }
    }
}
