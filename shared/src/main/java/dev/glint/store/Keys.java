package dev.glint.store;

/** Key layout of the two tables, in one place (docs/DATA-MODEL.md describes it). */
final class Keys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI1 = "gsi1";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";
    static final String LSI1 = "lsi1";
    static final String LSI1_SK = "lsi1sk";
    static final String EXPIRES_AT = "expiresAt";

    /** How long an email and its events are kept after its tokens expire (late hits, exports). */
    static final java.time.Duration KEPT_AFTER_TRACKING = java.time.Duration.ofDays(30);

    static final String META = "META";
    static final String IDEM = "IDEM";
    static final String SENDER = "SENDER";

    private Keys() {}

    static String email(String emailId) {
        return "EMAIL#" + emailId;
    }

    static String account(String accountId) {
        return "ACCT#" + accountId;
    }

    static String recipient(int index) {
        return String.format("RCPT#%05d", index);
    }

    static String recipientEvents(int index) {
        return String.format("R#%05d#", index);
    }

    static String sender(String address) {
        return "SENDER#" + address;
    }

    /** GSI1 partition of an account's senders (apart from its emails, which GSI1 lists by time). */
    static String accountSenders(String accountId) {
        return "SENDERS#" + accountId;
    }

    static String attachment(String attachmentId) {
        return "ATT#" + attachmentId;
    }

    /** GSI1 partition of an account's attachments. */
    static String accountAttachments(String accountId) {
        return "ATTS#" + accountId;
    }

    static String apiKey(String hash) {
        return "KEY#" + hash;
    }

    static String idempotencyKey(String accountId, String keyHash) {
        return "IDEM#" + accountId + "#" + keyHash;
    }
}
