package dev.glint.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.glint.model.Ids;
import dev.glint.send.Delivery;
import dev.glint.send.SendRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of {@code POST /api/v1/emails} into a {@link SendRequest}, checking every field
 * before anything is stored or sent and naming every problem in one answer.
 */
final class SendRequestParser {
    static final long MAX_HTML_BYTES = 4L << 20;
    static final long MAX_TEXT_BYTES = 1L << 20;
    static final int MAX_RECIPIENTS = 500;
    static final int MAX_SUBJECT = 998;
    static final int MAX_ATTACHMENTS = 10;
    static final List<String> FIELDS =
            List.of("from", "to", "cc", "bcc", "subject", "html", "text", "tracking", "delivery", "attachments");
    /**
     * With {@code delivery: client} the answer carries every copy; recipients times body bytes stay
     * under this so the answer (tracking URLs and JSON added) fits a Lambda response (6 MB).
     */
    static final long MAX_CLIENT_COPIES_BYTES = 4L << 20;
    static final List<String> TRACKING_FIELDS = List.of("opens", "clicks");
    private static final int MAX_NAME_ECHO = 64;

    private SendRequestParser() {}

    static SendRequest parse(String accountId, String json) {
        JsonNode root = readTree(json);
        FieldErrors errors = new FieldErrors();
        if (!root.isObject()) {
            errors.add("$", "the body must be a JSON object, not " + article(root));
            errors.throwIfAny();
        }
        unknownFields(root, "", Set.copyOf(FIELDS), errors);

        Optional<Mailbox> from = from(root.get("from"), errors);
        Map<String, String> seen = new HashMap<>();
        List<String> to = recipients("to", root.get("to"), seen, errors);
        List<String> cc = recipients("cc", root.get("cc"), seen, errors);
        List<String> bcc = recipients("bcc", root.get("bcc"), seen, errors);
        int listed = countItems(root);
        boolean listsMalformed = errors.has("to") || errors.has("cc") || errors.has("bcc");
        if (listed == 0 && !listsMalformed) {
            errors.add("to", "at least one recipient is required in to, cc or bcc");
        } else if (listed > MAX_RECIPIENTS) {
            errors.add("to", "to, cc and bcc hold " + listed + " addresses together; at most "
                    + MAX_RECIPIENTS + " are allowed");
        }
        String subject = subject(root.get("subject"), errors);
        String html = content("html", root.get("html"), MAX_HTML_BYTES, errors);
        String text = content("text", root.get("text"), MAX_TEXT_BYTES, errors);
        if (html == null && text == null && !errors.has("html") && !errors.has("text")) {
            errors.add("html", "html or text is required");
        }
        boolean opens = true;
        boolean clicks = true;
        JsonNode tracking = root.get("tracking");
        if (tracking != null && !tracking.isNull()) {
            if (!tracking.isObject()) {
                errors.add("tracking", "must be an object like {\"opens\": true, \"clicks\": true}, not " + article(tracking));
            } else {
                unknownFields(tracking, "tracking.", Set.copyOf(TRACKING_FIELDS), errors);
                opens = flag("tracking.opens", tracking.get("opens"), errors);
                clicks = flag("tracking.clicks", tracking.get("clicks"), errors);
            }
        }
        Delivery delivery = delivery(root.get("delivery"), errors);
        List<String> attachments = attachments(root.get("attachments"), errors);
        long bodyBytes = (html == null ? 0 : Utf8.length(html)) + (text == null ? 0 : Utf8.length(text));
        if (delivery == Delivery.CLIENT && listed * bodyBytes > MAX_CLIENT_COPIES_BYTES) {
            errors.add("delivery", "client delivery answers with every recipient's copy: " + listed + " recipients × "
                    + bodyBytes + " bytes of html and text is more than the " + (MAX_CLIENT_COPIES_BYTES >> 20)
                    + " MiB an answer can carry; send to fewer recipients per request");
        }
        errors.throwIfAny();
        return new SendRequest(accountId, from.orElseThrow().header(), to, cc, bcc, subject, html, text, opens, clicks,
                delivery, attachments);
    }

    static JsonNode readTree(String json) {
        if (json.isBlank()) {
            throw new ApiException(Problem.malformedJson("the body is empty; send a JSON object"));
        }
        try {
            JsonNode root = ApiJson.STRICT_READER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new ApiException(Problem.malformedJson("the body is empty; send a JSON object"));
            }
            return root;
        } catch (JsonProcessingException e) {
            // The position, not the parser's message: that would echo pieces of the body back.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ApiException(Problem.malformedJson("the body is not valid JSON" + where));
        }
    }

    private static void unknownFields(JsonNode object, String prefix, Set<String> known, FieldErrors errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown = name.length() > MAX_NAME_ECHO ? name.substring(0, MAX_NAME_ECHO) + "…" : name;
                errors.add(prefix + shown, "is not a known field; known fields are "
                        + String.join(", ", prefix.isEmpty() ? FIELDS : TRACKING_FIELDS));
            }
        }
    }

    private static Optional<Mailbox> from(@Nullable JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            errors.add("from", "is required");
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add("from", "must be a string, not " + article(node));
            return Optional.empty();
        }
        try {
            return Optional.of(Mailbox.parse(node.textValue(), true));
        } catch (IllegalArgumentException e) {
            errors.add("from", e.getMessage());
            return Optional.empty();
        }
    }

    /** The addresses of one list; {@code seen} maps each address key to where it first appeared. */
    private static List<String> recipients(String field, @Nullable JsonNode node, Map<String, String> seen,
            FieldErrors errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(field, "must be an array of address strings, not " + article(node));
            return List.of();
        }
        List<String> out = new ArrayList<>(Math.min(node.size(), MAX_RECIPIENTS));
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                errors.add(path, "must be a string, not " + article(item));
                continue;
            }
            Mailbox mailbox;
            try {
                mailbox = Mailbox.parse(item.textValue(), false);
            } catch (IllegalArgumentException e) {
                errors.add(path, e.getMessage());
                continue;
            }
            String first = seen.putIfAbsent(mailbox.key(), path);
            if (first != null) {
                errors.add(path, "repeats the address of " + first + "; each recipient may appear once");
                continue;
            }
            out.add(mailbox.address());
        }
        return out;
    }

    private static int countItems(JsonNode root) {
        int n = 0;
        for (String field : List.of("to", "cc", "bcc")) {
            JsonNode list = root.get(field);
            n += list != null && list.isArray() ? list.size() : 0;
        }
        return n;
    }

    private static String subject(@Nullable JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            errors.add("subject", "is required");
            return "";
        }
        if (!node.isTextual()) {
            errors.add("subject", "must be a string, not " + article(node));
            return "";
        }
        String subject = node.textValue();
        int length = subject.codePointCount(0, subject.length());
        if (subject.isBlank()) {
            errors.add("subject", "must not be empty");
        } else if (length > MAX_SUBJECT) {
            errors.add("subject", "has " + length + " characters; at most " + MAX_SUBJECT + " are allowed");
        } else if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            errors.add("subject", "must not contain line breaks");
        } else if (subject.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            errors.add("subject", "must not contain control characters");
        }
        return subject;
    }

    /** An html or text body; empty counts as absent. */
    private static @Nullable String content(String field, @Nullable JsonNode node, long maxBytes, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string, not " + article(node));
            return null;
        }
        String value = node.textValue();
        long bytes = Utf8.length(value);
        if (bytes > maxBytes) {
            errors.add(field, "is " + bytes + " bytes as UTF-8; at most " + maxBytes + " ("
                    + (maxBytes >> 20) + " MiB) are allowed");
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    private static Delivery delivery(@Nullable JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return Delivery.SES;
        }
        String allowed = "\"ses\" (Glint sends each copy) or \"client\" (the answer carries each copy for you to send)";
        if (!node.isTextual()) {
            errors.add("delivery", "must be " + allowed + ", not " + article(node));
            return Delivery.SES;
        }
        Optional<Delivery> delivery = Delivery.of(node.textValue());
        if (delivery.isEmpty()) {
            errors.add("delivery", "must be " + allowed);
            return Delivery.SES;
        }
        return delivery.get();
    }

    /** Attachment ids, well formed and each once; whether they can be used is the send's check. */
    private static List<String> attachments(@Nullable JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add("attachments", "must be an array of attachment ids, not " + article(node));
            return List.of();
        }
        if (node.size() > MAX_ATTACHMENTS) {
            errors.add("attachments", "holds " + node.size() + " ids; at most " + MAX_ATTACHMENTS + " are allowed");
            return List.of();
        }
        List<String> out = new ArrayList<>(node.size());
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "attachments[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                errors.add(path, "must be a string, not " + article(item));
            } else if (!Ids.isAttachmentId(item.textValue())) {
                errors.add(path, "is not an attachment id (att_ and 20 characters)");
            } else if (first.putIfAbsent(item.textValue(), i) != null) {
                errors.add(path, "repeats attachments[" + first.get(item.textValue()) + "]; each attachment may appear once");
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    private static boolean flag(String field, @Nullable JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            errors.add(field, "must be true or false, not " + article(node));
            return true;
        }
        return node.booleanValue();
    }

    /** The JSON type of a value, for messages: "a number", "an array". */
    static String article(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING, BINARY -> "a string";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }
}
