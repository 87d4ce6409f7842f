package dev.glint.attachments;

import dev.glint.model.Attachment;
import dev.glint.store.AttachmentStore;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.time.Instant;

/** Opens a link's token and checks ownership, status, expiry and revocation: one read of the attachment. */
final class AccessCheck {
    private final TokenSealer sealer;
    private final AttachmentStore attachments;

    AccessCheck(TokenSealer sealer, AttachmentStore attachments) {
        this.sealer = sealer;
        this.attachments = attachments;
    }

    Access check(String token, Instant now) {
        return switch (sealer.open(token, now)) {
            case TokenResult.Invalid invalid -> new Access.Unknown(invalid.reason());
            case TokenResult.Expired expired when expired.claims().kind() == TokenKind.ATTACHMENT -> new Access.LinkExpired();
            case TokenResult.Expired expired -> new Access.Unknown("kind");
            case TokenResult.Valid valid when valid.claims().kind() == TokenKind.ATTACHMENT -> attachment(valid.claims(), now);
            case TokenResult.Valid valid -> new Access.Unknown("kind");
        };
    }

    private Access attachment(TokenClaims claims, Instant now) {
        String id = claims.destination();
        Attachment attachment = id == null ? null : attachments.find(id).orElse(null);
        if (attachment == null || !attachment.accountId().equals(claims.accountId())) {
            return new Access.Unknown("attachment"); // a foreign account's file is as unknown as a missing one
        }
        if (attachment.availableAt(now)) {
            return new Access.Granted(claims, attachment);
        }
        String reason = switch (attachment.status()) {
            case REVOKED -> "revoked";
            case READY -> "expired";
            case PENDING_UPLOAD, REJECTED -> "not_ready";
        };
        return new Access.Gone(claims, attachment, reason);
    }
}
