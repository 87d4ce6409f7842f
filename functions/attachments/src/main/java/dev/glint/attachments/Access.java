package dev.glint.attachments;

import dev.glint.model.Attachment;
import dev.glint.token.TokenClaims;

/** What a tracked attachment link leads to at the moment of a request. */
sealed interface Access {

    /** Not a link we issued (tampered, foreign, unknown attachment or account): 404, nothing recorded. */
    record Unknown(String reason) implements Access {}

    /** An authentic link past its lifetime: 410, nothing recorded (the mail's tracking has ended). */
    record LinkExpired() implements Access {}

    /** An authentic link to a file that is no longer available (revoked, expired, not ready): 410, audited. */
    record Gone(TokenClaims claims, Attachment attachment, String reason) implements Access {}

    /** The recipient may have the file, as its mode allows. */
    record Granted(TokenClaims claims, Attachment attachment) implements Access {}
}
