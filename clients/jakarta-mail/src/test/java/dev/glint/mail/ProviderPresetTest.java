package dev.glint.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** mail.glint.provider fills in the SMTP settings an application did not set itself. */
class ProviderPresetTest {
    private static Properties base(String provider) {
        Properties props = new Properties();
        props.setProperty("mail.glint.api.url", "https://glint.example.com/");
        props.setProperty("mail.glint.api.key", "glk_x");
        props.setProperty("mail.glint.provider", provider);
        return props;
    }

    private static Properties resolved(Properties props) {
        return GlintSettings.from(props).smtpProperties(props);
    }

    @Test
    void eachPresetSetsItsHostPortAndRequiredStartTls() {
        Map<String, String> hosts = Map.of(
                "gmail", "smtp.gmail.com",
                "office365", "smtp.office365.com",
                "sendgrid", "smtp.sendgrid.net",
                "mailgun", "smtp.mailgun.org",
                "postmark", "smtp.postmarkapp.com");
        hosts.forEach((provider, host) -> {
            // GIVEN only the preset
            // WHEN the SMTP properties are resolved
            Properties smtp = resolved(base(provider));
            // THEN host, port 587, auth and required STARTTLS with host checking are set
            assertEquals(host, smtp.getProperty("mail.smtp.host"), provider);
            assertEquals("587", smtp.getProperty("mail.smtp.port"));
            assertEquals("true", smtp.getProperty("mail.smtp.auth"));
            assertEquals("true", smtp.getProperty("mail.smtp.starttls.enable"));
            assertEquals("true", smtp.getProperty("mail.smtp.starttls.required"));
            assertEquals("true", smtp.getProperty("mail.smtp.ssl.checkserveridentity"));
        });
        assertEquals("XOAUTH2", resolved(base("gmail")).getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("XOAUTH2", resolved(base("office365")).getProperty("mail.smtp.auth.mechanisms"));
        assertNull(resolved(base("mailgun")).getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("apikey", resolved(base("sendgrid")).getProperty("mail.smtp.user"));
    }

    @Test
    void sesTakesItsHostFromTheRegion() {
        // GIVEN SES in eu-west-1
        Properties props = base("ses");
        props.setProperty("mail.glint.provider.region", "eu-west-1");
        // WHEN resolved
        // THEN the host is that region's SES SMTP endpoint on 587 with STARTTLS required
        Properties smtp = resolved(props);
        assertEquals("email-smtp.eu-west-1.amazonaws.com", smtp.getProperty("mail.smtp.host"));
        assertEquals("587", smtp.getProperty("mail.smtp.port"));
        assertEquals("true", smtp.getProperty("mail.smtp.starttls.required"));
    }

    @Test
    void sesWithoutARegionOrHostIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolved(base("ses")));
        assertTrue(e.getMessage().contains("mail.glint.provider.region"), e.getMessage());
        Properties bad = base("ses");
        bad.setProperty("mail.glint.provider.region", "eu-west-1.evil.example");
        assertThrows(IllegalArgumentException.class, () -> resolved(bad));
        // a host set by the application needs no region
        Properties withHost = base("ses");
        withHost.setProperty("mail.smtp.host", "vpce-123.email-smtp.eu-west-1.vpce.amazonaws.com");
        assertEquals("vpce-123.email-smtp.eu-west-1.vpce.amazonaws.com", resolved(withHost).getProperty("mail.smtp.host"));
    }

    @Test
    void explicitPropertiesAlwaysWinOverThePreset() {
        // GIVEN gmail, with the application's own port, mechanisms and STARTTLS choice
        Properties props = base("gmail");
        props.setProperty("mail.smtp.port", "2525");
        props.setProperty("mail.smtp.auth.mechanisms", "PLAIN");
        props.setProperty("mail.smtp.starttls.required", "false");
        // WHEN resolved
        Properties smtp = resolved(props);
        // THEN those stay, and the rest come from the preset
        assertEquals("2525", smtp.getProperty("mail.smtp.port"));
        assertEquals("PLAIN", smtp.getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("false", smtp.getProperty("mail.smtp.starttls.required"));
        assertEquals("smtp.gmail.com", smtp.getProperty("mail.smtp.host"));
    }

    @Test
    void smtpsPresetsUseTlsOnPort465UnderTheSmtpsKeys() {
        Properties props = base("postmark");
        props.setProperty("mail.glint.provider.protocol", "smtps");
        Properties smtp = resolved(props);
        assertEquals("smtp.postmarkapp.com", smtp.getProperty("mail.smtps.host"));
        assertEquals("465", smtp.getProperty("mail.smtps.port"));
        assertNull(smtp.getProperty("mail.smtps.starttls.required"), "TLS from the first byte: no STARTTLS");
        assertNull(smtp.getProperty("mail.smtp.host"));
    }

    @Test
    void customSetsNothingAndUnknownNamesAreRefused() {
        Properties custom = base("custom");
        assertEquals(custom, resolved(custom));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolved(base("yahoo")));
        assertEquals("mail.glint.provider must be one of ses, gmail, office365, sendgrid, mailgun, postmark, custom,"
                + " not yahoo", e.getMessage());
        Properties badProtocol = base("gmail");
        badProtocol.setProperty("mail.glint.provider.protocol", "imap");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolved(badProtocol)).getMessage()
                .contains("mail.glint.provider.protocol must be smtp (STARTTLS) or smtps (TLS), not imap"));
    }

    @Test
    void theApiUrlBecomesTheEmailsEndpoint() {
        assertEquals("https://glint.example.com/api/v1/emails", GlintSettings.from(base("custom")).endpoint().toString());
    }
}
