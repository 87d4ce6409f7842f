package dev.glint.relay;

import dev.glint.mime.MessageBytes;
import dev.glint.mime.MimePart;
import dev.glint.mime.TransferCodec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 8098 message disposition notification: the {@code message/disposition-notification}
 * part of a {@code multipart/report; report-type=disposition-notification}.
 *
 * @param disposition the disposition type: displayed, deleted, dispatched, processed (lower case)
 * @param manual whether the person chose to send it: the sending mode {@code MDN-sent-manually} (the action mode
 *     {@code manual-action} when no sending mode is given)
 * @param finalRecipient the {@code Final-Recipient} address, if given
 * @param originalMessageId the {@code Original-Message-ID}, if given
 */
public record DispositionNotification(String disposition, boolean manual, @Nullable String finalRecipient,
        @Nullable String originalMessageId) {

    /** The notification in a message; empty when the message holds none (or a malformed one). */
    public static Optional<DispositionNotification> find(MessageBytes bytes, MimePart root) {
        MimePart part = part(root);
        if (part == null) {
            return Optional.empty();
        }
        byte[] raw = bytes.bytes(part.bodyStart(), part.bodyEnd());
        String fields = new String(TransferCodec.decode(raw, part.transferEncoding()).orElse(raw), StandardCharsets.ISO_8859_1);
        String disposition = null;
        String finalRecipient = null;
        String originalMessageId = null;
        for (String line : fields.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ").split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "disposition" -> disposition = disposition == null ? value : disposition;
                case "final-recipient" -> finalRecipient = finalRecipient == null ? addressOf(value) : finalRecipient;
                case "original-message-id" -> originalMessageId = originalMessageId == null ? value : originalMessageId;
                default -> { }
            }
        }
        if (disposition == null) {
            return Optional.empty();
        }
        // "manual-action/MDN-sent-manually; displayed" (RFC 8098 3.2.6): action mode / sending mode; type / modifiers.
        String d = withoutComments(disposition).toLowerCase(Locale.ROOT);
        int semi = d.indexOf(';');
        if (semi < 0) {
            return Optional.empty();
        }
        String[] modes = d.substring(0, semi).split("/", -1);
        String action = modes[0].strip();
        String sending = modes.length > 1 ? modes[1].strip() : "";
        String type = d.substring(semi + 1);
        int slash = type.indexOf('/');
        type = (slash >= 0 ? type.substring(0, slash) : type).strip();
        if (!action.matches("manual-action|automatic-action")
                || !type.matches("displayed|deleted|dispatched|processed|denied|failed")) {
            return Optional.empty();
        }
        // The person chose to send it when the sending mode says so ("manual-action/MDN-sent-automatically" is
        // a client answering on its own once the mail was opened); without a sending mode the action mode tells.
        boolean manual = sending.isEmpty() ? action.equals("manual-action") : sending.equals("mdn-sent-manually");
        return Optional.of(new DispositionNotification(type, manual, finalRecipient, originalMessageId));
    }

    /** A field value with its (possibly nested) comments removed. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static @Nullable MimePart part(MimePart part) {
        if (part.contentType().is("message/disposition-notification")) {
            return part;
        }
        for (MimePart child : part.children()) {
            MimePart found = part(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** "rfc822; bob@example.com" → bob@example.com */
    private static String addressOf(String value) {
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(semi + 1)).trim();
    }
}
