package dev.glint.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request hash that tells a retry from a different request under the same Idempotency-Key. */
class RequestHashTest {
    private static final SendRequest BASE = new SendRequest("acct_aaaaaaaaaaaa", "alice@example.com",
            List.of("bob@example.com"), List.of(), List.of(), "Hello", "<p>Hi</p>", "Hi", true, true);

    @Test
    void theSameRequestHasTheSameHashAndAnyChangedFieldAnother() {
        // GIVEN the base request, an equal copy and one variant per field
        SendRequest copy = new SendRequest(BASE.accountId(), BASE.from(), List.copyOf(BASE.to()), BASE.cc(), BASE.bcc(),
                BASE.subject(), BASE.html(), BASE.text(), true, true);
        List<SendRequest> variants = List.of(
                with("carol@example.com", BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(), BASE.html(), BASE.text(), true, true),
                with(BASE.from(), List.of("bob@example.com", "dave@example.com"), BASE.cc(), BASE.bcc(), BASE.subject(), BASE.html(), BASE.text(), true, true),
                with(BASE.from(), List.of(), List.of("bob@example.com"), BASE.bcc(), BASE.subject(), BASE.html(), BASE.text(), true, true),
                with(BASE.from(), List.of(), BASE.cc(), List.of("bob@example.com"), BASE.subject(), BASE.html(), BASE.text(), true, true),
                with(BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), "Hello!", BASE.html(), BASE.text(), true, true),
                with(BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(), null, BASE.text(), true, true),
                with(BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(), BASE.html(), null, true, true),
                with(BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(), BASE.html(), BASE.text(), false, true),
                with(BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(), BASE.html(), BASE.text(), true, false),
                // the same characters split differently between fields
                with(BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(), "<p>Hi</p>H", "i", true, true),
                // the same mail, delivered by the caller
                new SendRequest(BASE.accountId(), BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(),
                        BASE.html(), BASE.text(), true, true, Delivery.CLIENT));
        // WHEN their hashes are computed
        Set<String> hashes = new HashSet<>();
        hashes.add(IdempotentSends.requestHash(BASE));
        variants.forEach(v -> hashes.add(IdempotentSends.requestHash(v)));
        // THEN the copy hashes like the base, and every variant differs from it and from each other
        assertEquals(IdempotentSends.requestHash(BASE), IdempotentSends.requestHash(copy));
        assertEquals(variants.size() + 1, hashes.size());
        assertTrue(IdempotentSends.requestHash(BASE).matches("[0-9a-f]{64}"));
    }

    @Test
    void anSesRequestHashesAsBeforeDeliveryExistedSoKeysClaimedThenStillReplay() {
        // GIVEN the base request (SES delivery) and the same for client delivery
        SendRequest client = new SendRequest(BASE.accountId(), BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(),
                BASE.subject(), BASE.html(), BASE.text(), true, true, Delivery.CLIENT);
        // WHEN they are hashed
        // THEN the SES hash is the v1 canonical form's (computed independently of this code), and
        // client delivery appends its name as one more length-prefixed field
        assertEquals("db4874bc239d629ababe187c3cfc42b70b072b02d530d8520262501435bc9616", IdempotentSends.requestHash(BASE));
        assertEquals("166ddbe20c0c03c1b61986d86d06c05ff9e77fbb50030c23625b5ac7be10be4e", IdempotentSends.requestHash(client));
    }

    @Test
    void attachmentsExtendTheFormOnlyWhenPresentAndTheirOrderCounts() {
        // GIVEN the base request with two attachments, the same two swapped, one alone, and with client delivery
        String a = "att_0123456789abcdefghjk";
        String b = "att_mnpqrstvwxyz0123456";
        SendRequest both = attached(Delivery.SES, a, b);
        List<SendRequest> variants = List.of(attached(Delivery.SES, b, a), attached(Delivery.SES, a),
                attached(Delivery.CLIENT, a, b), attached(Delivery.SES));
        // WHEN they are hashed
        Set<String> hashes = new HashSet<>();
        hashes.add(IdempotentSends.requestHash(both));
        variants.forEach(v -> hashes.add(IdempotentSends.requestHash(v)));
        // THEN the two attachments append a tagged, counted list (computed independently of this code),
        // every variant differs from it and from each other, and no attachments hash exactly as before they existed
        assertEquals("72a158135d543027720d5e813fb0748a7f3ed4d9ca1fea0b5b79a31ce89b7853", IdempotentSends.requestHash(both));
        assertEquals(variants.size() + 1, hashes.size());
        assertEquals("db4874bc239d629ababe187c3cfc42b70b072b02d530d8520262501435bc9616",
                IdempotentSends.requestHash(attached(Delivery.SES)));
    }

    private static SendRequest attached(Delivery delivery, String... ids) {
        return new SendRequest(BASE.accountId(), BASE.from(), BASE.to(), BASE.cc(), BASE.bcc(), BASE.subject(),
                BASE.html(), BASE.text(), true, true, delivery, List.of(ids));
    }

    private static SendRequest with(String from, List<String> to, List<String> cc, List<String> bcc, String subject,
            String html, String text, boolean opens, boolean clicks) {
        return new SendRequest(BASE.accountId(), from, to, cc, bcc, subject, html, text, opens, clicks);
    }
}
