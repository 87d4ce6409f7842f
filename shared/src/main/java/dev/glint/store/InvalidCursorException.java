package dev.glint.store;

/** A page cursor that was not produced by this listing. */
public final class InvalidCursorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCursorException() {
        super("cursor is not valid for this listing");
    }
}
