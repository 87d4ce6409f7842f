package dev.glint.send;

import java.util.Arrays;
import java.util.Optional;

/** Who hands the tracked copies to the recipients' servers. */
public enum Delivery {
    /** Glint sends each copy through SES (the default). */
    SES("ses"),
    /** The caller sends each copy itself (its own SMTP server); Glint only stores and tracks the email. */
    CLIENT("client");

    private final String wireName;

    Delivery(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the API's {@code delivery} field. */
    public String wireName() {
        return wireName;
    }

    /** The delivery named {@code wireName} exactly (lower case), if there is one. */
    public static Optional<Delivery> of(String wireName) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(wireName)).findFirst();
    }
}
