package dev.glint.enrich;

import static dev.glint.enrich.TestDatabases.ASN;
import static dev.glint.enrich.TestDatabases.DBIP_CITY_IPV4;
import static dev.glint.enrich.TestDatabases.DBIP_CITY_IPV6;
import static dev.glint.enrich.TestDatabases.GEOIP2_CITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaxMindGeoLocatorTest {
    private static final GeoInfo BERLIN_GEOIP2 = new GeoInfo("DE", "Land Berlin", "Berlin", 52.5196, 13.4069, null, null);
    private static final GeoInfo LYON_GEOIP2 = new GeoInfo("FR", "Auvergne-Rhône-Alpes", "Lyon", 45.7485, 4.8467, null, null);
    private static final GeoInfo SAN_FRANCISCO_GEOIP2 =
            new GeoInfo("US", "California", "San Francisco", 37.7697, -122.3933, null, null);
    private static final GeoInfo MONTREAL_GEOIP2 = new GeoInfo("CA", "Quebec", "Montreal", 45.5088, -73.5878, null, null);

    private final List<MaxMindGeoLocator> opened = new ArrayList<>();

    @AfterEach
    void closeLocators() {
        opened.forEach(MaxMindGeoLocator::close);
    }

    private MaxMindGeoLocator open(List<Path> cities, List<Path> asns) throws IOException {
        MaxMindGeoLocator locator = MaxMindGeoLocator.open(cities, asns);
        opened.add(locator);
        return locator;
    }

    @Test
    void locatesIpv4AndIpv6InTheGeoip2CityLayout() throws IOException {
        // GIVEN a GeoIP2 City file
        GeoLocator geo = open(List.of(GEOIP2_CITY), List.of());

        // WHEN addresses in its networks are located THEN country, region, city and position come back
        assertEquals(Optional.of(BERLIN_GEOIP2), geo.locate("192.0.2.44"));
        assertEquals(Optional.of(LYON_GEOIP2), geo.locate("198.51.100.255"));
        assertEquals(Optional.of(SAN_FRANCISCO_GEOIP2), geo.locate("2001:db8:ffff::1"));
        assertEquals(Optional.of(MONTREAL_GEOIP2), geo.locate("2001:DB8:1::7"), "the /48 inside the /32 wins");
        assertEquals(Optional.of(BERLIN_GEOIP2), geo.locate("::ffff:192.0.2.44"), "IPv4-mapped IPv6");
    }

    @Test
    void regionIsTheFirstSubdivisionByItsEnglishName() throws IOException {
        // Lyon's record lists the region (Auvergne-Rhône-Alpes) before the département (Rhône).
        GeoLocator geo = open(List.of(GEOIP2_CITY), List.of());
        assertEquals("Auvergne-Rhône-Alpes", geo.locate("198.51.100.1").orElseThrow().region());
    }

    @Test
    void locatesIpv4AndIpv6InTheDbipLayoutSplitOverTwoFiles() throws IOException {
        // GIVEN the ip-location-db (DB-IP) layout, which ships IPv4 and IPv6 as separate files
        GeoLocator geo = open(List.of(DBIP_CITY_IPV6, DBIP_CITY_IPV4), List.of());

        // WHEN addresses of both families are located THEN each file answers for its own
        assertEquals(Optional.of(new GeoInfo("DE", "Berlin", "Berlin", 52.5244, 13.4105, null, null)),
                geo.locate("192.0.2.1"));
        assertEquals(Optional.of(new GeoInfo("FR", "Auvergne-Rhône-Alpes", "Lyon", 45.7578, 4.832, null, null)),
                geo.locate("198.51.100.9"));
        assertEquals(Optional.of(new GeoInfo("US", "California", "San Francisco", 37.7749, -122.419, null, null)),
                geo.locate("2001:db8::1"));
        assertEquals(Optional.of(new GeoInfo("CA", "Quebec", "Montreal", 45.5017, -73.5673, null, null)),
                geo.locate("2001:db8:1:2::3"));
    }

    @Test
    void fieldsTheDataLacksStayNull() throws IOException {
        // GIVEN records that know only the country and a position (GeoIP2: absent keys; DB-IP: "")
        GeoLocator geoip2 = open(List.of(GEOIP2_CITY), List.of());
        GeoLocator dbip = open(List.of(DBIP_CITY_IPV4), List.of());

        // WHEN an address there is located THEN region and city are null, not empty strings
        assertEquals(Optional.of(new GeoInfo("JP", null, null, 35.69, 139.69, null, null)),
                geoip2.locate("203.0.113.200"));
        assertEquals(Optional.of(new GeoInfo("JP", null, null, 35.6895, 139.692, null, null)),
                dbip.locate("203.0.113.200"));
    }

    @Test
    void addsAutonomousSystemFromAnAsnFile() throws IOException {
        // GIVEN a city file and an ASN file
        GeoLocator geo = open(List.of(GEOIP2_CITY), List.of(ASN));

        // WHEN located THEN number and organisation join the place; a network the ASN file lacks has none
        assertEquals(Optional.of(BERLIN_GEOIP2.withNetwork(64496L, "Example Fibre Berlin GmbH")), geo.locate("192.0.2.8"));
        assertEquals(Optional.of(MONTREAL_GEOIP2.withNetwork(64498L, "Example Transit Inc.")), geo.locate("2001:db8:1::1"));
        assertEquals(Optional.of(new GeoInfo("JP", null, null, 35.69, 139.69, null, null)), geo.locate("203.0.113.1"));
    }

    @Test
    void anAsnFileAloneGivesTheNetworkWithoutAPlace() throws IOException {
        GeoLocator geo = open(List.of(), List.of(ASN));
        assertEquals(Optional.of(new GeoInfo(null, null, null, null, null, 64497L, "Exemple Réseaux SAS")),
                geo.locate("198.51.100.77"));
    }

    @Test
    void unknownPrivateAndMalformedAddressesAreEmpty() throws IOException {
        GeoLocator geo = open(List.of(GEOIP2_CITY, DBIP_CITY_IPV4, DBIP_CITY_IPV6), List.of(ASN));
        for (String ip : List.of(
                "8.8.8.8", "2606:4700::1111",                               // public, not in the test data
                "10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "::1", // private and loopback
                "100.64.0.1", "169.254.1.1", "fe80::1", "fd00::1", "224.0.0.1", "0.0.0.0", "255.255.255.255",
                "", " ", "not an ip", "localhost", "example.com", "192.0.2", "192.0.2.256", "192.0.2.1.5",
                "1.2.3.-4", "2001:db8::g", "2001:db8::1%eth0", ":::", "192.0.2.1/24", "x".repeat(10_000))) {
            assertEquals(Optional.empty(), geo.locate(ip), ip);
        }
    }

    @Test
    void neverReadsAnIpv6AddressFromAnIpv4OnlyFile() throws IOException {
        // GIVEN DB-IP's IPv4-only file, whose tree would answer an IPv6 lookup with the record of
        // the address's first 32 bits: c000:201:: starts with the bytes of 192.0.2.1
        GeoLocator geo = open(List.of(DBIP_CITY_IPV4), List.of());

        // WHEN that IPv6 address is located THEN nothing is found
        assertEquals(Optional.empty(), geo.locate("c000:201::1"));
        assertTrue(geo.locate("192.0.2.1").isPresent());
    }

    @Test
    void detectsEachFilesLayoutFromItsMetadata() throws IOException {
        MaxMindGeoLocator geo = open(List.of(GEOIP2_CITY, DBIP_CITY_IPV4), List.of(ASN));
        String description = geo.describe();
        assertTrue(description.contains("geoip2-city-test.mmdb: 'GeoIP2-City' (GEOIP2_CITY), IPv6"), description);
        assertTrue(description.contains("dbip-city-ipv4-test.mmdb: 'city ipv4' (IP_LOCATION_DB_CITY), IPv4"), description);
        assertTrue(description.contains("asn-test.mmdb: 'Glint-Test-ASN' (ASN), IPv6"), description);
    }

    @Test
    void judgesRecordsByTheirKeysWhenTheTypeNameIsUnknown() {
        assertEquals(MmdbLayout.IP_LOCATION_DB_CITY, MmdbLayout.ofRecord(Map.of("country_code", "DE")));
        assertEquals(MmdbLayout.GEOIP2_CITY, MmdbLayout.ofRecord(Map.of("country", Map.of("iso_code", "DE"))));
        assertEquals(MmdbLayout.ASN, MmdbLayout.ofRecord(Map.of("autonomous_system_number", 64496L)));
        assertEquals(Optional.of(MmdbLayout.GEOIP2_CITY), MmdbLayout.fromDatabaseType("GeoLite2-City"));
        assertEquals(Optional.of(MmdbLayout.GEOIP2_CITY), MmdbLayout.fromDatabaseType("DBIP-City-Lite"));
        assertEquals(Optional.of(MmdbLayout.IP_LOCATION_DB_CITY), MmdbLayout.fromDatabaseType("city ipv6"));
        assertEquals(Optional.of(MmdbLayout.ASN), MmdbLayout.fromDatabaseType("GeoLite2-ASN"));
        assertEquals(Optional.empty(), MmdbLayout.fromDatabaseType("My-Own-Data"));
    }

    @Test
    void refusesAFileOfTheWrongKindOrAMissingFile() {
        assertThrows(IllegalArgumentException.class, () -> MaxMindGeoLocator.open(List.of(ASN), List.of()));
        assertThrows(IllegalArgumentException.class, () -> MaxMindGeoLocator.open(List.of(), List.of(GEOIP2_CITY)));
        assertThrows(IllegalArgumentException.class, () -> MaxMindGeoLocator.open(List.of(), List.of()));
        assertThrows(IOException.class,
                () -> MaxMindGeoLocator.open(List.of(Path.of("no-such-dir/city.mmdb")), List.of()));
    }

    @Test
    void aClosedDatabaseCostsTheLocationNotTheCaller() throws IOException {
        // GIVEN a locator whose files were closed under it
        MaxMindGeoLocator geo = MaxMindGeoLocator.open(List.of(GEOIP2_CITY), List.of());
        geo.close();

        // WHEN asked THEN it answers empty and counts the failure
        assertEquals(Optional.empty(), geo.locate("192.0.2.1"));
        assertEquals(1, geo.failures());
    }

    @Test
    void answersParallelLookupsCorrectly() throws Exception {
        // GIVEN one locator shared by eight threads, as the worker shares it across invocations
        GeoLocator geo = open(List.of(GEOIP2_CITY), List.of(ASN));
        Map<String, String> cityByIp = Map.of(
                "192.0.2.", "Berlin", "198.51.100.", "Lyon", "2001:db8:5::", "San Francisco", "2001:db8:1::", "Montreal");

        // WHEN each thread makes 8,000 lookups over the four networks
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                wrong.add(pool.submit(() -> {
                    int errors = 0;
                    for (int i = 0; i < 2_000; i++) {
                        for (Map.Entry<String, String> e : cityByIp.entrySet()) {
                            String ip = e.getKey() + (e.getKey().endsWith(":") ? Integer.toHexString(i) : i % 256);
                            if (!e.getValue().equals(geo.locate(ip).map(GeoInfo::city).orElse(null))) {
                                errors++;
                            }
                        }
                    }
                    return errors;
                }));
            }
            // THEN every answer is right
            for (Future<Integer> errors : wrong) {
                assertEquals(0, errors.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noneLocatesNothing() {
        assertEquals(Optional.empty(), GeoLocator.none().locate("192.0.2.1"));
    }
}
