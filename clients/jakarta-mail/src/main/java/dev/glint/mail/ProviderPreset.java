package dev.glint.mail;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * SMTP settings of well-known providers ({@code mail.glint.provider}): host, port, TLS and
 * authentication defaults that explicit {@code mail.smtp.*} properties override.
 */
public enum ProviderPreset {
    /** Amazon SES SMTP interface; the host depends on {@code mail.glint.provider.region}. */
    SES(null, null),
    /** Gmail and Google Workspace with an OAuth 2.0 access token as the password. */
    GMAIL("smtp.gmail.com", "XOAUTH2"),
    /** Microsoft 365 with an OAuth 2.0 access token as the password. */
    OFFICE365("smtp.office365.com", "XOAUTH2"),
    /** SendGrid: the user is {@code apikey}, the password an API key. */
    SENDGRID("smtp.sendgrid.net", null),
    MAILGUN("smtp.mailgun.org", null),
    POSTMARK("smtp.postmarkapp.com", null),
    /** Nothing preset: {@code mail.smtp.*} (or {@code mail.smtps.*}) say everything. */
    CUSTOM(null, null);

    private final @Nullable String host;
    private final @Nullable String mechanisms;

    ProviderPreset(@Nullable String host, @Nullable String mechanisms) {
        this.host = host;
        this.mechanisms = mechanisms;
    }

    /** The value of {@code mail.glint.provider}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ProviderPreset> of(String value) {
        return Arrays.stream(values()).filter(p -> p.propertyValue().equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(ProviderPreset::propertyValue).collect(Collectors.joining(", "));
    }

    /**
     * The preset's properties for {@code protocol} ({@code smtp}: STARTTLS required on 587;
     * {@code smtps}: TLS from the first byte on 465), keyed {@code mail.<protocol>.*}.
     *
     * @param region the SES region; only SES uses it
     * @param hostSetByUser whether {@code mail.<protocol>.host} is already set, so SES needs no region
     */
    Map<String, String> defaults(String protocol, @Nullable String region, boolean hostSetByUser) {
        Map<String, String> out = new LinkedHashMap<>();
        if (this == CUSTOM) {
            return out;
        }
        String p = "mail." + protocol + ".";
        String presetHost = this == SES ? sesHost(region, hostSetByUser) : host;
        if (presetHost != null) {
            out.put(p + "host", presetHost);
        }
        out.put(p + "port", protocol.equals("smtps") ? "465" : "587");
        out.put(p + "auth", "true");
        if (protocol.equals("smtp")) {
            out.put(p + "starttls.enable", "true");
            out.put(p + "starttls.required", "true");
        }
        out.put(p + "ssl.checkserveridentity", "true");
        if (mechanisms != null) {
            out.put(p + "auth.mechanisms", mechanisms);
        }
        if (this == SENDGRID) {
            out.put(p + "user", "apikey");
        }
        return out;
    }

    private static @Nullable String sesHost(@Nullable String region, boolean hostSetByUser) {
        if (region == null || region.isBlank()) {
            if (hostSetByUser) {
                return null;
            }
            throw new IllegalArgumentException("mail.glint.provider=ses needs mail.glint.provider.region"
                    + " (e.g. eu-west-1), or mail.smtp.host set to the SES SMTP endpoint");
        }
        if (!region.strip().matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
            throw new IllegalArgumentException("mail.glint.provider.region is not an AWS region name such as"
                    + " eu-west-1: " + region.strip());
        }
        return "email-smtp." + region.strip() + ".amazonaws.com";
    }
}
