package dev.glint.local.bench;

import dev.glint.hit.HitIntake;
import dev.glint.hit.HitQueue;
import dev.glint.local.LocalHttpGateway;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenSealer;
import dev.glint.track.TrackHitHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The track handler behind a gateway of its own, with its own keys and a hit queue of the
 * bench's choosing: the same request path as the local stack's, minus whatever the queue leaves
 * out. Used to split the stack's cost into adapter, SQS send, and worker.
 */
final class IsolatedTrackRoute implements AutoCloseable {
    private final LocalHttpGateway gateway;
    private final TokenSealer sealer;

    private IsolatedTrackRoute(LocalHttpGateway gateway, TokenSealer sealer) {
        this.gateway = gateway;
        this.sealer = sealer;
    }

    static IsolatedTrackRoute start(HitQueue queue) throws IOException {
        TokenSealer sealer = new TokenSealer(KeyRing.generate());
        LocalHttpGateway gateway = LocalHttpGateway.start(0);
        gateway.route("/o/", new TrackHitHandler(new HitIntake(sealer, queue)));
        return new IsolatedTrackRoute(gateway, sealer);
    }

    URI baseUri() {
        return gateway.baseUri();
    }

    /** Writes {@code count} valid pixel paths for this route's keys, one per line. */
    Path writePaths(Path file, int count) throws IOException {
        Instant expires = Instant.now().plus(Duration.ofDays(30));
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add("/o/" + sealer.seal(TokenClaims.open("bench-account", "bench-email", i, expires)) + ".gif");
        }
        return Files.write(file, paths);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
