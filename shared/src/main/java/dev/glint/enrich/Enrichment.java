package dev.glint.enrich;

import java.util.Objects;
import java.util.Optional;

/** What enrichment learnt about one hit: where it came from (if known) and what sent it. */
public record Enrichment(Optional<GeoInfo> geo, DeviceInfo device) {
    public Enrichment {
        Objects.requireNonNull(geo, "geo");
        Objects.requireNonNull(device, "device");
    }
}
