package dev.glint.send;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/** {@link MailSender} on SES v2: simple content, one destination per copy, UTF-8 throughout. */
public final class SesMailSender implements MailSender {
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
        } catch (SesV2Exception e) {
            String detail = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new MailSendException("SES refused the message: " + detail, e);
        } catch (SdkException e) {
            throw new MailSendException("SES could not be reached", e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
