package dev.glint.enrich;

import java.util.Optional;

/** Finds where an IP address is. Implementations are thread-safe. */
public interface GeoLocator extends AutoCloseable {

    /**
     * The location of a literal IPv4 or IPv6 address; empty for an address the data does not
     * cover, a private or reserved one, or text that is not an address. Never throws.
     */
    Optional<GeoInfo> locate(String ip);

    @Override
    default void close() {}

    /** A locator for when no database is configured: every address is unknown. */
    static GeoLocator none() {
        return ip -> Optional.empty();
    }
}
