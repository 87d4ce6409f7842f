package dev.glint.local.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {
    private final RecipientPolicy policy = RecipientPolicy.domain("Glint.Test");

    @Test
    void acceptsTheTrackingDomainAndItsSubdomainsInAnyCase() {
        for (String rcpt : new String[] {"x@glint.test", "X@GLINT.TEST", "a.b+c@in.glint.test", "t@a.b.Glint.Test",
                "\"quoted@local\"@glint.test"}) {
            assertEquals(Optional.empty(), policy.reject("sender@example.com", rcpt), rcpt);
        }
    }

    @Test
    void deniesRelayToAnyOtherDomain() {
        for (String rcpt : new String[] {"x@example.com", "x@glint.test.example.com", "x@evilglint.test",
                "x@glint.test.", "x@[127.0.0.1]", "postmaster", "x@", "x%glint.test@example.com",
                "\"x@glint.test\"@example.com"}) {
            assertEquals(Optional.of("relay denied"), policy.reject("sender@example.com", rcpt), rcpt);
        }
    }

    @Test
    void comparesInternationalisedDomainsInAsciiForm() {
        RecipientPolicy idn = RecipientPolicy.domain("bücher.test");
        assertEquals(Optional.empty(), idn.reject("", "a@xn--bcher-kva.test"));
        assertEquals(Optional.empty(), idn.reject("", "a@mail.BÜCHER.test"));
        assertEquals(Optional.of("relay denied"), idn.reject("", "a@bucher.test"));
    }

    @Test
    void refusesToBuildAPolicyForSomethingThatIsNoDomain() {
        assertThrows(IllegalArgumentException.class, () -> RecipientPolicy.domain(""));
        assertThrows(IllegalArgumentException.class, () -> RecipientPolicy.domain("[127.0.0.1]"));
    }
}
