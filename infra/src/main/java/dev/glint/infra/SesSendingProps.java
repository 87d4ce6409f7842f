package dev.glint.infra;

import java.util.Objects;

/** @param sendingDomain the domain Glint sends from; SES verifies it through the DKIM records the stack outputs */
public record SesSendingProps(String sendingDomain) {
    public SesSendingProps {
        Objects.requireNonNull(sendingDomain, "sendingDomain");
    }
}
