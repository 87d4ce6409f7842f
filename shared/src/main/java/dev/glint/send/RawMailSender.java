package dev.glint.send;

/** Hands one complete MIME message to the mail provider for one recipient. */
public interface RawMailSender {
    /**
     * @param from the envelope sender (a verified identity)
     * @param to the one envelope recipient
     * @param message the complete message, headers included
     * @return the provider's message id
     * @throws MailSendException when the provider refused or could not be reached
     */
    String sendRaw(String from, String to, byte[] message);
}
