/**
 * Enrichment of a tracking hit: where its address is (GeoIP over a MaxMind DB file) and what sent
 * it (browser, OS and device from the User-Agent). Mail-client detection lives in {@code classify}.
 */
@NullMarked
package dev.glint.enrich;

import org.jspecify.annotations.NullMarked;
