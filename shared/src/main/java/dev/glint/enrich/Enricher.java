package dev.glint.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Adds location and device to a hit from its IP address and User-Agent. Thread-safe; build once. */
public final class Enricher implements AutoCloseable {
    private final GeoLocator geo;
    private final UserAgents userAgents;

    public Enricher(GeoLocator geo, UserAgents userAgents) {
        this.geo = geo;
        this.userAgents = userAgents;
    }

    /** From one optional city file and one optional ASN file; see {@link #fromPaths(List, List)}. */
    public static Enricher fromPaths(Optional<Path> cityMmdb, Optional<Path> asnMmdb) {
        return fromPaths(cityMmdb.stream().toList(), asnMmdb.stream().toList());
    }

    /**
     * From city and ASN MaxMind DB files (either list may be empty; both empty: no location). The
     * npm {@code @ip-location-db} packages split IPv4 and IPv6 into two files: list both. Fails at
     * once, naming the file, if one cannot be opened or is of the wrong kind.
     */
    public static Enricher fromPaths(List<Path> cityMmdbs, List<Path> asnMmdbs) {
        if (cityMmdbs.isEmpty() && asnMmdbs.isEmpty()) {
            return new Enricher(GeoLocator.none(), new UserAgents());
        }
        try {
            return new Enricher(MaxMindGeoLocator.open(cityMmdbs, asnMmdbs), new UserAgents());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open GeoIP database " + cityMmdbs + " " + asnMmdbs + ": "
                    + e.getMessage(), e);
        }
    }

    /** Location and device for one hit. Never throws for bad input: unknown parts stay empty. */
    public Enrichment enrich(String ip, String userAgent) {
        return new Enrichment(geo.locate(ip), userAgents.parse(userAgent));
    }

    /** The locator in use, e.g. to log {@link MaxMindGeoLocator#describe()} at start-up. */
    public GeoLocator geo() {
        return geo;
    }

    /** The User-Agent parser in use. */
    public UserAgents userAgents() {
        return userAgents;
    }

    @Override
    public void close() {
        geo.close();
    }
}
