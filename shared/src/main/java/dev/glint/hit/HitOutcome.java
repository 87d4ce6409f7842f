package dev.glint.hit;

import java.util.Optional;

/**
 * What the HTTP answer to a hit should be, decided without any database read.
 *
 * @param redirect the authenticated destination of a click token, when there is one
 * @param recorded whether the hit went to the queue as an event
 * @param honeypot whether the token is an authentic honeypot token: answered with a page, never a redirect
 */
public record HitOutcome(Optional<String> redirect, boolean recorded, boolean honeypot) {

    /** The outcome of a pixel or click token, or of one that is not ours. */
    public HitOutcome(Optional<String> redirect, boolean recorded) {
        this(redirect, recorded, false);
    }
}
