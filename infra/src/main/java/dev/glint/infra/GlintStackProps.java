package dev.glint.infra;

import java.util.Objects;
import java.util.Optional;

/**
 * What differs between deployments of {@link GlintStack}.
 *
 * @param code            the three function packages
 * @param sendingDomain   SES domain identity the API sends from
 * @param trackingBaseUrl base URL of tracking links when a custom domain serves them; else the API's own URL
 */
public record GlintStackProps(FunctionCodes code, String sendingDomain, Optional<String> trackingBaseUrl) {
    public GlintStackProps {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sendingDomain, "sendingDomain");
        Objects.requireNonNull(trackingBaseUrl, "trackingBaseUrl");
    }
}
