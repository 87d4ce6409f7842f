package dev.glint.mail;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Glint's side in memory, for unit tests: keeps each registration and "tracks" each copy by
 * adding a pixel and a click URL of its own, or fails like an unreachable API when told to.
 */
final class FakeGlint implements GlintTracker {
    private final List<Registration> registrations = new ArrayList<>();
    private @Nullable GlintApiException failure;

    void failWith(GlintApiException e) {
        failure = e;
    }

    List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    static String pixel(int email, int recipient) {
        return "https://t.glint.test/o/e" + email + "r" + recipient + ".gif";
    }

    static String click(int email, int recipient) {
        return "https://t.glint.test/c/e" + email + "r" + recipient;
    }

    @Override
    public Registered register(Registration mail) throws GlintApiException {
        if (failure != null) {
            throw failure;
        }
        registrations.add(mail);
        int email = registrations.size();
        List<Copy> copies = new ArrayList<>();
        for (int i = 0; i < mail.recipientCount(); i++) {
            String html = mail.html() == null ? null
                    : mail.html().replace("</body>", "<img src=\"" + pixel(email, i) + "\" width=\"1\" height=\"1\"></body>");
            String text = mail.text() == null ? null : mail.text() + "\n[" + click(email, i) + "]";
            copies.add(new Copy(i, html, text));
        }
        return new Registered("em_fake" + email, copies);
    }
}
