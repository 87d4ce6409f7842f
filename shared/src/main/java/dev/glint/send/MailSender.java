package dev.glint.send;

/** Hands one copy to a mail provider (SES v2 in AWS and locally). */
public interface MailSender {
    /** Sends the copy and returns the provider's message id; throws {@link MailSendException}. */
    String send(OutgoingMail mail);
}
