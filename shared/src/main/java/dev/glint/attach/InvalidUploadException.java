package dev.glint.attach;

import java.util.List;

/** An upload request that cannot be accepted, naming each bad field. */
public final class InvalidUploadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldProblem> problems;

    public InvalidUploadException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid upload" : problems.get(0).field() + " " + problems.get(0).detail(),
                null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One bad field and what is wrong with it. */
    public record FieldProblem(String field, String detail) {}
}
