package dev.glint.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GeoLocator} over MaxMind DB files: city files in the GeoIP2 City or the ip-location-db
 * (DB-IP) layout, optionally ASN files. ip-location-db ships IPv4 and IPv6 as two files; pass
 * both, in any order. Files are memory-mapped; the values records share (countries, names) are
 * cached once decoded, bounded per file.
 */
public final class MaxMindGeoLocator implements GeoLocator {
    /**
     * Decoded shared values kept per file. {@link CHMCache} stops adding once full, so it stays
     * bounded. maxmind-db 4.1 does not cache the record itself: each lookup decodes it.
     */
    public static final int CACHE_ENTRIES = 8192;

    private final List<Source> cities;
    private final List<Source> networks;
    private final AtomicLong failures = new AtomicLong();

    private MaxMindGeoLocator(List<Source> cities, List<Source> networks) {
        this.cities = List.copyOf(cities);
        this.networks = List.copyOf(networks);
    }

    /**
     * Opens city and ASN databases; at least one file in all. Fails at once on a missing or
     * unreadable file, or on an ASN file given as a city file (and the reverse).
     */
    public static MaxMindGeoLocator open(List<Path> cityFiles, List<Path> asnFiles) throws IOException {
        if (cityFiles.isEmpty() && asnFiles.isEmpty()) {
            throw new IllegalArgumentException("no GeoIP database given: use GeoLocator.none()");
        }
        List<Source> opened = new ArrayList<>();
        try {
            for (Path file : cityFiles) {
                opened.add(Source.open(file, false));
            }
            for (Path file : asnFiles) {
                opened.add(Source.open(file, true));
            }
        } catch (IOException | RuntimeException e) {
            for (Source source : opened) {
                source.closeQuietly();
            }
            throw e;
        }
        return new MaxMindGeoLocator(opened.subList(0, cityFiles.size()),
                opened.subList(cityFiles.size(), opened.size()));
    }

    @Override
    public Optional<GeoInfo> locate(String ip) {
        Optional<InetAddress> parsed = IpAddresses.parse(ip);
        if (parsed.isEmpty() || !IpAddresses.isPublic(parsed.get())) {
            return Optional.empty();
        }
        InetAddress address = parsed.get();
        try {
            GeoInfo place = find(cities, address);
            GeoInfo network = find(networks, address);
            GeoInfo geo = place.withNetwork(network.asn(), network.organisation());
            return geo.isEmpty() ? Optional.empty() : Optional.of(geo);
        } catch (IOException | RuntimeException e) {
            // A damaged file costs the hit its location, never the hit itself; failures() counts it.
            failures.incrementAndGet();
            return Optional.empty();
        }
    }

    /** Lookups that failed on a damaged or closed database since start; worth a metric. */
    public long failures() {
        return failures.get();
    }

    /** One line per file for the start-up log: name, type, layout, IP version and build date. */
    public String describe() {
        return Stream.concat(cities.stream(), networks.stream())
                .map(Source::describe)
                .collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        cities.forEach(Source::closeQuietly);
        networks.forEach(Source::closeQuietly);
    }

    private static GeoInfo find(List<Source> sources, InetAddress address) throws IOException {
        for (Source source : sources) {
            GeoInfo found = source.find(address);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return GeoInfo.EMPTY;
    }

    /** One opened file and the layout its metadata names (null: judge each record by its keys). */
    private record Source(Path file, Reader reader, @Nullable MmdbLayout layout, boolean ipv4Only) {
        static Source open(Path file, boolean asn) throws IOException {
            Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache(CACHE_ENTRIES));
            String type = reader.getMetadata().databaseType();
            MmdbLayout layout = MmdbLayout.fromDatabaseType(type).orElse(null);
            if (layout != null && (layout == MmdbLayout.ASN) != asn) {
                reader.close();
                throw new IllegalArgumentException(file + " is a '" + type + "' database, not "
                        + (asn ? "an ASN" : "a city") + " database");
            }
            return new Source(file, reader, asn ? MmdbLayout.ASN : layout, reader.getMetadata().ipVersion() == 4);
        }

        GeoInfo find(InetAddress address) throws IOException {
            // An IPv4-only file read with an IPv6 address answers for its first 32 bits: skip it.
            if (ipv4Only && !(address instanceof Inet4Address)) {
                return GeoInfo.EMPTY;
            }
            Map<?, ?> record = reader.get(address, Map.class);
            if (record == null) {
                return GeoInfo.EMPTY;
            }
            return (layout != null ? layout : MmdbLayout.ofRecord(record)).read(record);
        }

        String describe() {
            Metadata meta = reader.getMetadata();
            return file.getFileName() + ": '" + meta.databaseType() + "' ("
                    + (layout == null ? "layout judged per record" : layout) + "), IPv" + meta.ipVersion()
                    + ", built " + meta.buildTime().atOffset(ZoneOffset.UTC).toLocalDate();
        }

        void closeQuietly() {
            try {
                reader.close();
            } catch (IOException e) {
                // Closing a memory map cannot lose data; nothing to report.
            }
        }
    }
}
