package dev.glint.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Attachment;
import dev.glint.model.Sender;
import dev.glint.store.SenderStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The relay senders of one account: the From addresses whose mail to tracking addresses
 * ({@code bob@example.com.<tracking domain>}) Glint relays tracked. An address belongs to one
 * account at a time.
 */
final class SenderResources {
    static final List<String> FIELDS = List.of("address", "trackOpens", "trackClicks", "readReceipts", "attachmentLinks");
    private final SenderStore senders;
    private final Clock clock;

    SenderResources(SenderStore senders, Clock clock) {
        this.senders = senders;
        this.clock = clock;
    }

    /** Registers or updates a sender: 201 when new, 200 when it was the account's already. */
    ApiResponse put(String accountId, String body) {
        JsonNode root = SendRequestParser.readTree(body);
        FieldErrors errors = new FieldErrors();
        if (!root.isObject()) {
            errors.add("$", "the body must be a JSON object, not " + SendRequestParser.article(root));
            errors.throwIfAny();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(name.length() > 64 ? name.substring(0, 64) + "…" : name,
                        "is not a known field; known fields are " + String.join(", ", FIELDS));
            }
        }
        String address = null;
        JsonNode a = root.get("address");
        if (a == null || !a.isTextual()) {
            errors.add("address", "is required: the sender's address, such as alice@example.com");
        } else {
            try {
                address = Mailbox.parse(a.textValue(), false).address();
            } catch (IllegalArgumentException e) {
                errors.add("address", e.getMessage());
            }
        }
        boolean opens = flag("trackOpens", root.get("trackOpens"), true, errors);
        boolean clicks = flag("trackClicks", root.get("trackClicks"), true, errors);
        boolean receipts = flag("readReceipts", root.get("readReceipts"), false, errors);
        Attachment.Mode links = null;
        JsonNode l = root.get("attachmentLinks");
        if (l != null && !l.isNull() && !(l.isTextual() && l.textValue().equals("off"))) {
            links = l.isTextual() ? Attachment.Mode.fromWire(l.textValue()).orElse(null) : null;
            if (links == null) {
                errors.add("attachmentLinks", "must be off, view or download");
            }
        }
        errors.throwIfAny();
        Optional<Sender> before = senders.find(address);
        Instant createdAt = before.filter(s -> s.accountId().equals(accountId)).map(Sender::createdAt)
                .orElse(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Sender sender = new Sender(address, accountId, opens, clicks, receipts, createdAt, links);
        if (!senders.put(sender)) {
            throw new ApiException(Problem.conflict("address",
                    "is registered to another account; it must be removed there first"));
        }
        View view = View.of(sender);
        return before.isPresent() && before.get().accountId().equals(accountId)
                ? ApiResponse.ok(view)
                : ApiResponse.created("/api/v1/senders/" + sender.address(), view);
    }

    ApiResponse list(String accountId) {
        return ApiResponse.ok(new Listing(senders.list(accountId).stream().map(View::of).toList()));
    }

    /** Removes the account's sender; 404 for an address the account has not registered. */
    ApiResponse delete(String accountId, String rawAddress) {
        String address = URLDecoder.decode(rawAddress, StandardCharsets.UTF_8);
        if (!senders.delete(accountId, address)) {
            throw new ApiException(Problem.notFound());
        }
        return ApiResponse.noContent();
    }

    private static boolean flag(String field, @Nullable JsonNode node, boolean absent, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            errors.add(field, "must be true or false, not " + SendRequestParser.article(node));
            return absent;
        }
        return node.booleanValue();
    }

    record View(String address, boolean trackOpens, boolean trackClicks, boolean readReceipts, String attachmentLinks,
            Instant createdAt) {
        static View of(Sender s) {
            return new View(s.address(), s.trackOpens(), s.trackClicks(), s.readReceipts(),
                    s.attachmentLinks() == null ? "off" : s.attachmentLinks().wire(), s.createdAt());
        }
    }

    record Listing(List<View> items) {}

}
