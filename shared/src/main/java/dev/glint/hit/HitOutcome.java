package dev.glint.hit;

import java.util.Optional;

/**
 * What the HTTP answer to a hit should be, decided without any database read.
 *
 * @param redirect the authenticated destination of a click token, when there is one
 * @param recorded whether the hit went to the queue as an event
 */
public record HitOutcome(Optional<String> redirect, boolean recorded) {}
