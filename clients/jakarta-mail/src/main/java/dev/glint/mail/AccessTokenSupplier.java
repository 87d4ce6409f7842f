package dev.glint.mail;

import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;

/**
 * Gives the SMTP connection an OAuth 2.0 access token (XOAUTH2, e.g. Gmail, Office 365), used as
 * the password. Set it with {@link GlintTransport#setAccessTokenSupplier}, or name a class with a
 * public no-argument constructor (or put an instance) in {@code mail.glint.oauth2.token-supplier}.
 */
@FunctionalInterface
public interface AccessTokenSupplier {
    /**
     * A token for {@code user} valid now. Called before every connect; called once more with
     * {@code afterRejection} true when the server refused the last token, to refresh it.
     */
    String accessToken(@Nullable String user, boolean afterRejection) throws MessagingException;
}
