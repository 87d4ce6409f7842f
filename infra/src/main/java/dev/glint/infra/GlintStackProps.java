package dev.glint.infra;

import java.util.Objects;
import java.util.Optional;

/**
 * What differs between deployments of {@link GlintStack}.
 *
 * @param code                  the function packages
 * @param sendingDomain         SES domain identity the API sends from
 * @param trackingBaseUrl       base URL of tracking links when a custom domain serves them; else the API's own URL
 * @param trackingAddressDomain domain (and subdomains) SES receives tracking-address mail on, e.g. {@code t.glint.example}
 * @param uploadOrigin          web origin browsers upload attachments from, or {@code *}
 */
public record GlintStackProps(
        FunctionCodes code,
        String sendingDomain,
        Optional<String> trackingBaseUrl,
        String trackingAddressDomain,
        String uploadOrigin) {
    public GlintStackProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sendingDomain, "sendingDomain");
        Objects.requireNonNull(trackingBaseUrl, "trackingBaseUrl");
        Objects.requireNonNull(trackingAddressDomain, "trackingAddressDomain");
        Objects.requireNonNull(uploadOrigin, "uploadOrigin");
    }
}
