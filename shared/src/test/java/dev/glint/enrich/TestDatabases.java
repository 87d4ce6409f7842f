package dev.glint.enrich;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The tiny MaxMind DB files under src/test/resources/enrich (see test-mmdb.json). */
final class TestDatabases {
    static final Path GEOIP2_CITY = path("geoip2-city-test.mmdb");
    static final Path DBIP_CITY_IPV4 = path("dbip-city-ipv4-test.mmdb");
    static final Path DBIP_CITY_IPV6 = path("dbip-city-ipv6-test.mmdb");
    static final Path ASN = path("asn-test.mmdb");

    private TestDatabases() {}

    static Path path(String name) {
        URL url = TestDatabases.class.getResource("/enrich/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource enrich/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
