package dev.glint.worker;

import dev.glint.config.Env;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The worker's configuration, read once at start-up.
 *
 * @param geoCityDbs city mmdb files (GeoIP2/GeoLite2 City, or DB-IP's IPv4 and IPv6 files), from
 *     {@code GLINT_GEOIP_CITY_DBS} separated by {@code :}; none means no geolocation
 * @param geoAsnDbs ASN mmdb files, from {@code GLINT_GEOIP_ASN_DBS}
 */
record WorkerConfig(String mainTable, String eventsTable, String region, Optional<URI> endpoint,
        List<Path> geoCityDbs, List<Path> geoAsnDbs) {

    static WorkerConfig from(Env env) {
        return new WorkerConfig(
                env.require("GLINT_MAIN_TABLE"),
                env.require("GLINT_EVENTS_TABLE"),
                env.require("AWS_REGION"),
                env.optional("GLINT_AWS_ENDPOINT").map(URI::create),
                paths(env.optional("GLINT_GEOIP_CITY_DBS")),
                paths(env.optional("GLINT_GEOIP_ASN_DBS")));
    }

    private static List<Path> paths(Optional<String> list) {
        return list.stream().flatMap(v -> Arrays.stream(v.split(":"))).filter(p -> !p.isBlank()).map(Path::of).toList();
    }
}
