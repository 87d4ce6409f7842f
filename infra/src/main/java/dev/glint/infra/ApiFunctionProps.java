package dev.glint.infra;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;

/**
 * @param code            the api jar
 * @param tables          the data it serves
 * @param tokenKeys       the keyring that mints tokens for sent mail
 * @param ses             the identity and configuration set it sends through
 * @param trackingBaseUrl base URL of the tracking links it writes into mail, no trailing slash
 * @param attachments     the bucket it presigns uploads into and the converter it hands Office files to
 */
public record ApiFunctionProps(
        Code code, DataTables tables, TokenKeys tokenKeys, SesSending ses, String trackingBaseUrl,
        Attachments attachments) {
    public ApiFunctionProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(tokenKeys, "tokenKeys");
        Objects.requireNonNull(ses, "ses");
        Objects.requireNonNull(trackingBaseUrl, "trackingBaseUrl");
        Objects.requireNonNull(attachments, "attachments");
    }
}
