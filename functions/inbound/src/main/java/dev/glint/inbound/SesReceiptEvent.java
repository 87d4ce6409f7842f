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
        if (root == null || !root.path("Records").isArray()) {
            throw new IllegalArgumentException("the SES event has no Records array");
        }
        List<InboundMail> out = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String source = record.path("eventSource").asText("");
            if (!source.equals("aws:ses")) {
                throw new IllegalArgumentException("not an SES receipt event: eventSource " + source);
            }
            JsonNode mail = record.path("ses").path("mail");
            JsonNode receipt = record.path("ses").path("receipt");
            String messageId = mail.path("messageId").asText("");
            if (!messageId.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new IllegalArgumentException("the SES event's messageId is missing or not an object name");
            }
            List<String> recipients = new ArrayList<>();
            receipt.path("recipients").forEach(r -> recipients.add(r.asText()));
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("the SES event lists no recipients");
            }
            InboundMail.Verdicts verdicts = new InboundMail.Verdicts(
                    status(receipt, "spfVerdict"), status(receipt, "dkimVerdict"), status(receipt, "dmarcVerdict"),
                    status(receipt, "spamVerdict"), status(receipt, "virusVerdict"));
            out.add(new InboundMail(messageId, mail.path("source").asText(""), recipients, verdicts,
                    time(receipt.path("timestamp").asText(mail.path("timestamp").asText("")))));
        }
        return out;
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
