package dev.glint.enrich;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What kind of machine sent a request, derived from the parsed User-Agent by these rules, first
 * match wins:
 * <ol>
 *   <li>{@code unknown}: nothing recognised (blank or garbage User-Agent);</li>
 *   <li>{@code unknown}: a mail provider's image proxy ({@code GmailImageProxy},
 *       {@code YahooMailProxy}): it fetches for a person whose device it hides;</li>
 *   <li>{@code bot}: uap-core's "Spider" device (crawlers, link checkers), or an HTTP library or
 *       headless browser ({@code curl}, {@code python-requests}, {@code HeadlessChrome}, …);</li>
 *   <li>{@code tablet}: iPad, Kindle, a device named "Tablet", or Android without the
 *       {@code Mobile} token (Android's own convention for tablets). iPadOS 13+ Safari asks for
 *       desktop pages with a Mac User-Agent and so reads as {@code desktop};</li>
 *   <li>{@code mobile}: iOS, Android, Windows Phone and other phone systems, iPhone and iPod, or a
 *       {@code Mobi} token;</li>
 *   <li>{@code desktop}: Windows, macOS, Linux distributions, ChromeOS, the BSDs, or a desktop-only
 *       mail program (Outlook for Windows, Thunderbird) whose User-Agent names no system;</li>
 *   <li>{@code unknown} otherwise.</li>
 * </ol>
 */
public enum DeviceType {
    DESKTOP,
    MOBILE,
    TABLET,
    BOT,
    UNKNOWN;

    private static final Pattern AUTOMATION = Pattern.compile(
            "\\b(?:curl|wget|python-requests|python-urllib|aiohttp|go-http-client|okhttp|apache-httpclient"
                    + "|libwww-perl|node-fetch|axios|headlesschrome|phantomjs)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> PHONE_SYSTEMS = Set.of(
            "iOS", "Android", "Windows Phone", "Windows Mobile", "BlackBerry OS", "BlackBerry Tablet OS",
            "KaiOS", "Firefox OS", "Symbian OS", "Symbian^3", "Tizen", "HarmonyOS", "Sailfish");
    private static final Set<String> DESKTOP_SYSTEMS = Set.of(
            "Mac OS X", "macOS", "Linux", "Ubuntu", "Debian", "Fedora", "Red Hat", "SUSE", "openSUSE",
            "Mint", "Gentoo", "Slackware", "Arch Linux", "Mageia", "Chrome OS", "ChromeOS", "FreeBSD",
            "OpenBSD", "NetBSD", "Solaris");
    private static final Set<String> DESKTOP_MAIL_PROGRAMS = Set.of("Outlook", "Thunderbird", "Windows Live Mail");

    /** The lower-case name used in JSON and in stored items: desktop, mobile, tablet, bot, unknown. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Applies the rules above to a User-Agent and what uap-java made of it (null: not recognised). */
    static DeviceType of(String userAgent, @Nullable String browser, @Nullable String os, @Nullable String device) {
        if (browser == null && os == null && device == null) {
            return UNKNOWN;
        }
        if (browser != null && (browser.endsWith("ImageProxy") || browser.endsWith("MailProxy"))) {
            return UNKNOWN;
        }
        if ("Spider".equals(device) || AUTOMATION.matcher(userAgent).find()) {
            return BOT;
        }
        boolean windows = os != null && os.startsWith("Windows") && !PHONE_SYSTEMS.contains(os);
        if (!windows && isTablet(userAgent, os, device)) {
            return TABLET;
        }
        if ((os != null && PHONE_SYSTEMS.contains(os)) || "iPhone".equals(device) || "iPod".equals(device)
                || userAgent.contains("Mobi")) {
            return MOBILE;
        }
        if (windows || (os != null && DESKTOP_SYSTEMS.contains(os)) || "Mac".equals(device)
                || (os == null && browser != null && DESKTOP_MAIL_PROGRAMS.contains(browser))) {
            return DESKTOP;
        }
        return UNKNOWN;
    }

    private static boolean isTablet(String userAgent, @Nullable String os, @Nullable String device) {
        if (device != null && (device.equals("iPad") || device.startsWith("Kindle") || device.contains("Tablet"))) {
            return true;
        }
        return ("Android".equals(os) && !userAgent.contains("Mobile")) || userAgent.contains("Tablet;");
    }
}
