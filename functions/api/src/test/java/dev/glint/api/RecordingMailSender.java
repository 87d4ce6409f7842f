package dev.glint.api;

import dev.glint.send.MailSendException;
import dev.glint.send.MailSender;
import dev.glint.send.OutgoingMail;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Keeps every copy instead of sending it; addresses in {@code refused} fail like an SES rejection. */
final class RecordingMailSender implements MailSender {
    private final List<OutgoingMail> sent = new ArrayList<>();
    private final Set<String> refused;

    RecordingMailSender(Set<String> refused) {
        this.refused = refused;
    }

    @Override
    public String send(OutgoingMail mail) {
        if (refused.contains(mail.to())) {
            throw new MailSendException("SES refused the message: Email address is not verified.", null);
        }
        sent.add(mail);
        return "ses-" + sent.size();
    }

    List<OutgoingMail> sent() {
        return List.copyOf(sent);
    }
}
