package dev.glint.send;

import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/** {@link MailSender} and {@link RawMailSender} on SES v2: one destination per copy; simple content in UTF-8. */
public final class SesMailSender implements MailSender, RawMailSender {
    private final SesV2Client ses;
    private final Optional<String> configurationSet;

    public SesMailSender(SesV2Client ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(OutgoingMail mail) {
        Body.Builder body = Body.builder();
        if (mail.html() != null) {
            body.html(utf8(mail.html()));
        }
        if (mail.text() != null) {
            body.text(utf8(mail.text()));
        }
        Message message = Message.builder().subject(utf8(mail.subject())).body(body.build()).build();
        try {
            return ses.sendEmail(b -> {
                b.fromEmailAddress(mail.from())
                        .destination(d -> d.toAddresses(mail.to()))
                        .content(c -> c.simple(message));
                configurationSet.ifPresent(b::configurationSetName);
            }).messageId();
        } catch (SdkException e) {
            throw refused(e);
        }
    }

    @Override
    public String sendRaw(String from, String to, byte[] message) {
        try {
            return ses.sendEmail(b -> {
                b.fromEmailAddress(from)
                        .destination(d -> d.toAddresses(to))
                        .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArrayUnsafe(message))));
                configurationSet.ifPresent(b::configurationSetName);
            }).messageId();
        } catch (SdkException e) {
            throw refused(e);
        }
    }

    /** SES's 4xx answers other than throttling reject this message or sender: retrying cannot help. */
    private static MailSendException refused(SdkException e) {
        if (e instanceof SesV2Exception ses) {
            String detail = ses.awsErrorDetails() == null ? ses.getMessage() : ses.awsErrorDetails().errorMessage();
            boolean permanent = ses.statusCode() >= 400 && ses.statusCode() < 500 && ses.statusCode() != 429
                    && !ses.isThrottlingException();
            return new MailSendException("SES refused the message: " + detail, e, permanent);
        }
        return new MailSendException("SES could not be reached", e);
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
