package dev.glint.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Context values are validated before anything is synthesized. */
class GlintContextTest {

    @Test
    void absentOrBlankValuesFallBackToDefaults() {
        // GIVEN a context with blank values, as cdk.json ships them
        Map<String, Object> context = Map.of("trackingBaseUrl", "", "codeDir", "  ");
        // WHEN we read it
        GlintContext read = GlintContext.read(context::get);
        // THEN the domains default and the optional values are absent
        assertEquals(new GlintContext("glint.example", Optional.empty(), "t.glint.example", Optional.empty(), false, "*"),
                read);
    }

    @Test
    void trackingBaseUrlLosesItsTrailingSlashAndDomainItsCapitals() {
        // GIVEN values typed by hand
        Map<String, Object> context = Map.of("trackingBaseUrl", "https://t.example.com/", "sendingDomain", "Mail.Example.COM");
        // WHEN we read them
        GlintContext read = GlintContext.read(context::get);
        // THEN they are normalised
        assertEquals(Optional.of("https://t.example.com"), read.trackingBaseUrl());
        assertEquals("mail.example.com", read.sendingDomain());
    }

    @Test
    void rejectsATrackingBaseUrlThatIsNotHttps() {
        // GIVEN a plain-http tracking base URL (tokens would travel in clear)
        Map<String, Object> context = Map.of("trackingBaseUrl", "http://t.example.com");
        // WHEN we read it
        var thrown = assertThrows(IllegalArgumentException.class, () -> GlintContext.read(context::get));
        // THEN the error names the context key
        assertTrue(thrown.getMessage().contains("trackingBaseUrl"), thrown.getMessage());
    }

    @Test
    void rejectsASendingDomainThatIsNotADomain() {
        // GIVEN an address where a domain belongs
        Map<String, Object> context = Map.of("sendingDomain", "me@glint.example");
        // WHEN we read it
        var thrown = assertThrows(IllegalArgumentException.class, () -> GlintContext.read(context::get));
        // THEN the error names the context key
        assertTrue(thrown.getMessage().contains("sendingDomain"), thrown.getMessage());
    }

    @Test
    void trackingAddressDomainIsReadLowerCasedAndMustBeADomain() {
        // GIVEN a tracking-address domain typed in capitals, and one with the leading dot of an SES recipient
        GlintContext read = GlintContext.read(Map.<String, Object>of("trackingAddressDomain", "T.Mail.Example.COM")::get);
        Map<String, Object> dotted = Map.of("trackingAddressDomain", ".t.example.com");
        // WHEN we read them
        var thrown = assertThrows(IllegalArgumentException.class, () -> GlintContext.read(dotted::get));
        // THEN the first is normalised and the second rejected, naming the context key
        assertEquals("t.mail.example.com", read.trackingAddressDomain());
        assertTrue(thrown.getMessage().contains("trackingAddressDomain"), thrown.getMessage());
    }

    @Test
    void officeConversionIsAFlagThatRejectsAnythingButTrueOrFalse() {
        // GIVEN the flag as `-c officeConversion=TRUE` passes it, and a typo
        GlintContext on = GlintContext.read(Map.<String, Object>of("officeConversion", "TRUE")::get);
        Map<String, Object> typo = Map.of("officeConversion", "yes");
        // WHEN we read them
        var thrown = assertThrows(IllegalArgumentException.class, () -> GlintContext.read(typo::get));
        // THEN the first turns conversion on and the second is refused, naming the key
        assertTrue(on.officeConversion());
        assertTrue(thrown.getMessage().contains("officeConversion"), thrown.getMessage());
    }

    @Test
    void uploadOriginIsAnyOrAnHttpsOriginWithoutAPath() {
        // GIVEN an origin typed with a trailing slash, and a URL with a path
        GlintContext read = GlintContext.read(Map.<String, Object>of("uploadOrigin", "https://app.example.com/")::get);
        Map<String, Object> withPath = Map.of("uploadOrigin", "https://app.example.com/dashboard");
        // WHEN we read them
        var thrown = assertThrows(IllegalArgumentException.class, () -> GlintContext.read(withPath::get));
        // THEN the first is the bare origin S3 compares with the Origin header, the second is refused
        assertEquals("https://app.example.com", read.uploadOrigin());
        assertTrue(thrown.getMessage().contains("uploadOrigin"), thrown.getMessage());
    }
}
