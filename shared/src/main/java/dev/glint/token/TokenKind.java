package dev.glint.token;

/** What a tracking token stands for; its code is the first byte of a sealed payload. */
public enum TokenKind {
    OPEN(1),
    CLICK(2),
    /** The hidden link in every copy that only machines follow: no destination, never a redirect. */
    HONEYPOT(3),
    /** A CSS beacon loaded a few seconds after the copy rendered; the claims' link field holds the step in seconds. */
    READ(4),
    /** A CSS beacon that loads only when the copy is quoted inside a reply or forward. */
    FORWARD(5),
    /**
     * A tracked attachment link: the claims' link field holds the attachment's index in the email,
     * the destination its attachment id (looked up at access time for revocation, expiry and mode).
     */
    ATTACHMENT(6);

    private final int code;

    TokenKind(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static TokenKind fromCode(int code) {
        for (TokenKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown token kind " + code);
    }
}
