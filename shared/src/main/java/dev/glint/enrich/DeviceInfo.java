package dev.glint.enrich;

import org.jspecify.annotations.Nullable;

/**
 * What a User-Agent says about the software and machine behind a request; a part uap-java does
 * not recognise (its "Other") is null.
 *
 * @param browser browser or app family as uap-core names it, e.g. {@code Chrome}, {@code Outlook},
 *     {@code Mobile Safari UI/WKWebView} (an app's web view, such as Apple Mail on iOS)
 * @param browserVersion major[.minor[.patch]], e.g. {@code 131.0.0}
 * @param os operating system family, e.g. {@code Windows}, {@code iOS}, {@code Mac OS X}
 * @param osVersion major[.minor[.patch]], e.g. {@code 17.5}
 * @param deviceFamily e.g. {@code iPhone}, {@code Pixel 8}, {@code Mac}
 */
public record DeviceInfo(
        @Nullable String browser,
        @Nullable String browserVersion,
        @Nullable String os,
        @Nullable String osVersion,
        @Nullable String deviceFamily,
        DeviceType deviceType) {

    /** A User-Agent that says nothing usable: blank, garbage, or unparseable. */
    public static final DeviceInfo UNKNOWN = new DeviceInfo(null, null, null, null, null, DeviceType.UNKNOWN);

    public DeviceInfo {
        java.util.Objects.requireNonNull(deviceType, "deviceType");
    }
}
