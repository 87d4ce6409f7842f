package dev.glint.send;

import dev.glint.rewrite.TrackingUrls;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenSealer;
import java.time.Instant;

/** The tracking URLs of one recipient: each one a sealed token under the tracking base URL. */
public record SealedTrackingUrls(
        TokenSealer sealer, String baseUrl, String accountId, String emailId, int recipient, Instant expiresAt)
        implements TrackingUrls {

    @Override
    public String pixelUrl() {
        return baseUrl + "/o/" + sealer.seal(TokenClaims.open(accountId, emailId, recipient, expiresAt)) + ".gif";
    }

    @Override
    public String clickUrl(int linkIndex, String destination) {
        return baseUrl + "/c/" + sealer.seal(
                TokenClaims.click(accountId, emailId, recipient, linkIndex, destination, expiresAt));
    }

    @Override
    public String honeypotUrl() {
        return baseUrl + "/c/" + sealer.seal(TokenClaims.honeypot(accountId, emailId, recipient, expiresAt));
    }

    @Override
    public String readUrl(int stepSeconds) {
        return baseUrl + "/o/" + sealer.seal(TokenClaims.read(accountId, emailId, recipient, stepSeconds, expiresAt)) + ".gif";
    }

    @Override
    public String forwardUrl() {
        return baseUrl + "/o/" + sealer.seal(TokenClaims.forward(accountId, emailId, recipient, expiresAt)) + ".gif";
    }

    @Override
    public String attachmentUrl(int index, String attachmentId) {
        return baseUrl + "/a/" + sealer.seal(
                TokenClaims.attachment(accountId, emailId, recipient, index, attachmentId, expiresAt));
    }
}
