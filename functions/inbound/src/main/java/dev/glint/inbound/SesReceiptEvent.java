package dev.glint.inbound;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.glint.relay.InboundMail;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event an SES receipt rule's Lambda action sends: {@code {"Records":[{"eventSource":"aws:ses",
 * "ses":{"mail":{...},"receipt":{...}}}]}}. aws-lambda-java-events has no class for it (aws-lambda-java-libs
 * issue 223), so it is read here, strictly: comments, trailing commas or duplicate keys are
 * malformed input, and so is a record without a message id or recipients.
 */
final class SesReceiptEvent {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SesReceiptEvent() {}

    /** The received messages of the event, in order. */
    static List<InboundMail> parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = STRICT.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the SES event is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("Records").isArray() || root.path("Records").isEmpty()) {
            throw new IllegalArgumentException("the SES event has no Records array");
        }
        List<InboundMail> out = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String source = text(record.path("eventSource"));
            if (!source.equals("aws:ses")) {
                throw new IllegalArgumentException("not an SES receipt event: eventSource " + source);
            }
            JsonNode mail = record.path("ses").path("mail");
            JsonNode receipt = record.path("ses").path("receipt");
            String messageId = text(mail.path("messageId"));
            // It names the S3 object: no path separators, no "." or ".." segments, nothing but a plain name.
            if (!messageId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}") || messageId.contains("..")) {
                throw new IllegalArgumentException("the SES event's messageId is missing or not an object name");
            }
            List<String> recipients = new ArrayList<>();
            for (JsonNode r : receipt.path("recipients")) {
                if (!r.isTextual() || r.asText().isBlank()) {
                    throw new IllegalArgumentException("the SES event lists a recipient that is no address");
                }
                recipients.add(r.asText());
            }
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("the SES event lists no recipients");
            }
            InboundMail.Verdicts verdicts = new InboundMail.Verdicts(
                    status(receipt, "spfVerdict"), status(receipt, "dkimVerdict"), status(receipt, "dmarcVerdict"),
                    status(receipt, "spamVerdict"), status(receipt, "virusVerdict"));
            JsonNode at = receipt.path("timestamp").isTextual() ? receipt.path("timestamp") : mail.path("timestamp");
            out.add(new InboundMail(messageId, text(mail.path("source")), recipients, verdicts, time(text(at))));
        }
        return out;
    }

    /** A string value; "" when absent or of another JSON type (a number is no message id). */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }

    private static String status(JsonNode receipt, String verdict) {
        JsonNode node = receipt.path(verdict).path("status");
        return node.isTextual() ? node.asText() : "GRAY"; // absent: not evaluated, never a pass
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the SES event's timestamp is not an ISO-8601 instant: " + text);
        }
    }
}
