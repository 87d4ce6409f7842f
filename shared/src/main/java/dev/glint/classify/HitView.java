package dev.glint.classify;

import dev.glint.net.IpAddress;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** One classification's view of a hit: derived values are computed once, and only if a rule needs them. */
final class HitView {
    private final HitTraits traits;
    private @Nullable String lowerUserAgent;
    private boolean ipParsed;
    private @Nullable IpAddress ip;

    HitView(HitTraits traits) {
        this.traits = traits;
    }

    HitTraits traits() {
        return traits;
    }

    String lowerUserAgent() {
        String lower = lowerUserAgent;
        if (lower == null) {
            lower = traits.userAgent().toLowerCase(Locale.ROOT);
            lowerUserAgent = lower;
        }
        return lower;
    }

    @Nullable IpAddress ip() {
        if (!ipParsed) {
            ip = IpAddress.parse(traits.ip());
            ipParsed = true;
        }
        return ip;
    }
}
