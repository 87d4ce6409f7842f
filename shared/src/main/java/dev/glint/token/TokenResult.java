package dev.glint.token;

/** The outcome of opening a token: valid, authentic but expired, or rejected. */
public sealed interface TokenResult {

    /** An authentic token within its lifetime. */
    record Valid(TokenClaims claims) implements TokenResult {}

    /**
     * An authentic token past its lifetime: no event is recorded, but a click may still be
     * redirected, because its destination is authenticated and a mail's links must keep working.
     */
    record Expired(TokenClaims claims) implements TokenResult {}

    /** Not a token we sealed: tampered, truncated, foreign key or garbage. */
    record Invalid(String reason) implements TokenResult {}
}
