package dev.glint.model;

/**
 * What a recorded hit was: a pixel load, a followed link, a probe (HEAD) that proves nothing, or
 * a follow of the hidden honeypot link, which only machines do; a read beacon loaded some seconds
 * after render ({@code link} holds the step in seconds), or the forward beacon, which loads only
 * when the mail is quoted in a reply or forward. Neither beacon is ever an open.
 */
public enum EventType {
    OPEN,
    CLICK,
    PROBE,
    HONEYPOT,
    READ,
    FORWARD,
    /** A read receipt (RFC 8098 MDN) from the recipient's mail client: {@code destination} holds its disposition. */
    READ_RECEIPT,
    /**
     * A recipient opened a tracked attachment link (the viewer page, or a download): {@code destination}
     * holds the attachment id, {@code link} its index in the email, the hit's detail {@code action}
     * {@code view} or {@code download}.
     */
    ATTACHMENT,
    /** A viewer beacon (page shown, dwell, scroll, image view time, video playback) of an attachment. */
    ATTACHMENT_BEACON;

    /** The lower-case name used in JSON and in stored items. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the lower-case wire name for JSON; unknown names are malformed input. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static EventType parse(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException("unknown event type " + value));
    }

    /** Parses the lower-case wire name. */
    public static java.util.Optional<EventType> fromWire(String value) {
        for (EventType type : values()) {
            if (type.wire().equals(value)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
