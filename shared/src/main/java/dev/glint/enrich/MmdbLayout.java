package dev.glint.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a MaxMind DB file lays out its records. GeoIP2/GeoLite2 City nest them
 * ({@code country.iso_code}, {@code city.names.en}); the ip-location-db packages (DB-IP and
 * GeoLite2 re-packed on npm) keep them flat ({@code country_code}, {@code state1}, {@code city});
 * ASN files of both families share {@code autonomous_system_number/organization}.
 */
enum MmdbLayout {
    /** MaxMind GeoIP2/GeoLite2 City, and DB-IP's own "DBIP-City-Lite" files. */
    GEOIP2_CITY,
    /** npm {@code @ip-location-db/*-city-mmdb}: one flat map, empty strings for missing values. */
    IP_LOCATION_DB_CITY,
    /** GeoLite2-ASN and npm {@code @ip-location-db/*-asn-mmdb}. */
    ASN;

    /**
     * The layout a file's {@code database_type} names: ip-location-db writes {@code city ipv4} or
     * {@code city ipv6}, MaxMind {@code GeoIP2-City}, {@code GeoLite2-City}, {@code GeoLite2-ASN}.
     * Empty when the name says nothing we know; records then speak for themselves.
     */
    static Optional<MmdbLayout> fromDatabaseType(String databaseType) {
        String type = databaseType.toLowerCase(Locale.ROOT);
        if (type.contains("asn")) {
            return Optional.of(ASN);
        }
        if (type.equals("city") || type.startsWith("city ")) {
            return Optional.of(IP_LOCATION_DB_CITY);
        }
        if (type.contains("city") || type.contains("enterprise")) {
            return Optional.of(GEOIP2_CITY);
        }
        return Optional.empty();
    }

    /** The layout of one record, judged by its keys. */
    static MmdbLayout ofRecord(Map<?, ?> record) {
        if (record.containsKey("autonomous_system_number") && !record.containsKey("country_code")) {
            return ASN;
        }
        return record.containsKey("country_code") ? IP_LOCATION_DB_CITY : GEOIP2_CITY;
    }

    /** What a record of this layout says; fields it lacks (or holds as "") stay null. */
    GeoInfo read(Map<?, ?> record) {
        return switch (this) {
            case GEOIP2_CITY -> {
                Map<?, ?> subdivision = first(record.get("subdivisions"));
                Map<?, ?> location = map(record.get("location"));
                yield new GeoInfo(
                        text(map(record.get("country")).get("iso_code")),
                        englishNameOrCode(subdivision),
                        text(map(map(record.get("city")).get("names")).get("en")),
                        decimal(location.get("latitude")),
                        decimal(location.get("longitude")),
                        null,
                        null);
            }
            case IP_LOCATION_DB_CITY -> new GeoInfo(
                    text(record.get("country_code")),
                    text(record.get("state1")),
                    text(record.get("city")),
                    decimal(record.get("latitude")),
                    decimal(record.get("longitude")),
                    null,
                    null);
            case ASN -> GeoInfo.EMPTY.withNetwork(
                    whole(record.get("autonomous_system_number")),
                    text(record.get("autonomous_system_organization")));
        };
    }

    private static @Nullable String englishNameOrCode(Map<?, ?> place) {
        String name = text(map(place.get("names")).get("en"));
        return name != null ? name : text(place.get("iso_code"));
    }

    private static Map<?, ?> map(@Nullable Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<?, ?> first(@Nullable Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? map(list.get(0)) : Map.of();
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    // ip-location-db stores coordinates as 32-bit floats; widen via the decimal text so 52.52f
    // reads back as 52.52, not 52.52000045776367.
    private static @Nullable Double decimal(@Nullable Object value) {
        if (value instanceof Float f) {
            return Double.valueOf(Float.toString(f));
        }
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static @Nullable Long whole(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
