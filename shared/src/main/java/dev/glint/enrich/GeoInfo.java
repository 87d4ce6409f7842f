package dev.glint.enrich;

import org.jspecify.annotations.Nullable;

/**
 * Where an address is, as far as the database knows; a field the data lacks stays null.
 *
 * @param country ISO 3166-1 alpha-2 code, e.g. {@code DE}
 * @param region first-level subdivision, its English name where the data has one (else its code)
 * @param organisation the autonomous system's organisation name
 */
public record GeoInfo(
        @Nullable String country,
        @Nullable String region,
        @Nullable String city,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable Long asn,
        @Nullable String organisation) {

    static final GeoInfo EMPTY = new GeoInfo(null, null, null, null, null, null, null);

    /** True when the data had nothing at all for the address. */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** This location with the autonomous system's number and organisation. */
    GeoInfo withNetwork(@Nullable Long asn, @Nullable String organisation) {
        return new GeoInfo(country, region, city, latitude, longitude, asn, organisation);
    }
}
