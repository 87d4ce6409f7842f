package dev.glint.mail;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Registers a mail with Glint for delivery by the caller and gets back each recipient's tracked copy. */
interface GlintTracker {
    /** Registers the mail; the copies come back in recipient order: to, then cc, then bcc. */
    Registered register(Registration mail) throws GlintApiException;

    /** What Glint is told: the sender and recipients as plain strings, the bodies as decoded text. */
    record Registration(String from, List<String> to, List<String> cc, List<String> bcc, String subject,
            @Nullable String html, @Nullable String text, Optional<String> idempotencyKey) {
        public Registration {
            to = List.copyOf(to);
            cc = List.copyOf(cc);
            bcc = List.copyOf(bcc);
        }

        int recipientCount() {
            return to.size() + cc.size() + bcc.size();
        }
    }

    /** The stored email and one copy per recipient. */
    record Registered(String emailId, List<Copy> copies) {
        public Registered {
            copies = List.copyOf(copies);
        }
    }

    /** One recipient's tracked bodies; null where the mail has no such body. */
    record Copy(int recipient, @Nullable String html, @Nullable String text) {}
}
