package dev.glint.api;

/** Stops a request with a {@link Problem}; the handler turns it into the answer, in one place. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    ApiException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
