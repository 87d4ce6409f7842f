package dev.glint.attachments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glint.model.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a beacon body strictly: {@code {"session": …, <beacon fields>}} or
 * {@code {"session": …, "beacons": [ … up to 20 … ]}}. Anything unknown, missing, out of range
 * or absurd rejects the whole body, naming the field, so nothing of it is recorded.
 */
final class BeaconBatch {
    static final int MAX_BODY_BYTES = 8 * 1024;
    static final int MAX_BEACONS = 20;
    static final int MAX_DWELL_MS = 60_000;
    static final int MAX_UNKNOWN_PAGES = 10_000;
    static final double MAX_VIDEO_SECONDS = 24 * 3600;
    static final Set<String> VIDEO_EVENTS = Set.of("play", "pause", "seek", "ended", "timeupdate");
    private static final Set<String> BEACON_FIELDS = Set.of("kind", "page", "dwellMs", "scroll", "event", "position",
            "duration");

    /** A body that cannot be recorded, and the field that says why. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        Rejected(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private BeaconBatch() {}

    /** The session the body claims, before it is checked. */
    static String session(JsonNode body) throws Rejected {
        JsonNode session = body.get("session");
        if (session == null || !session.isTextual() || session.textValue().isEmpty() || session.textValue().length() > 512) {
            throw new Rejected("session", "a viewer session issued by the page is required");
        }
        return session.textValue();
    }

    /** The body as a JSON object, or rejected. */
    static JsonNode read(String body) throws Rejected {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new Rejected("body", "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Rejected("body", "the body is not valid JSON");
        }
    }

    /**
     * The beacons of {@code body}, each of the viewer kind the attachment is shown as
     * ({@code page} for a PDF, {@code image}, {@code video}), with {@code sessionId} as their session.
     *
     * @param pages the document's page count, 0 when unknown
     */
    static List<Beacon> beacons(JsonNode body, String previewKind, int pages, String sessionId) throws Rejected {
        String expected = switch (previewKind) {
            case "pdf" -> "page";
            case "image" -> "image";
            case "video" -> "video";
            default -> throw new Rejected("kind", "this attachment is not shown in the viewer");
        };
        List<JsonNode> items = new ArrayList<>();
        if (body.has("beacons")) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("session") && !name.equals("beacons")) {
                    throw new Rejected(name, "unknown field");
                }
            }
            JsonNode array = body.get("beacons");
            if (!array.isArray() || array.isEmpty() || array.size() > MAX_BEACONS) {
                throw new Rejected("beacons", "between 1 and " + MAX_BEACONS + " beacons");
            }
            array.forEach(items::add);
        } else {
            items.add(body);
        }
        List<Beacon> beacons = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            beacons.add(beacon(items.get(i), items.size() == 1 && !body.has("beacons") ? "" : "beacons[" + i + "].",
                    expected, pages, sessionId));
        }
        return beacons;
    }

    private static Beacon beacon(JsonNode node, String at, String expected, int pages, String session) throws Rejected {
        if (!node.isObject()) {
            throw new Rejected(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "a beacon is a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BEACON_FIELDS.contains(name) && !(at.isEmpty() && name.equals("session"))) {
                throw new Rejected(at + name, "unknown field");
            }
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual() || !kind.textValue().equals(expected)) {
            throw new Rejected(at + "kind", "must be \"" + expected + "\" for this attachment");
        }
        return switch (expected) {
            case "page" -> {
                absent(node, at, "event", "position", "duration");
                yield new Beacon("page", integer(node, at, "page", 1, pages > 0 ? pages : MAX_UNKNOWN_PAGES, true),
                        integer(node, at, "dwellMs", 0, MAX_DWELL_MS, true), integer(node, at, "scroll", 0, 100, false),
                        null, null, null, session);
            }
            case "image" -> {
                absent(node, at, "page", "scroll", "event", "position", "duration");
                yield new Beacon("image", null, integer(node, at, "dwellMs", 0, MAX_DWELL_MS, true), null,
                        null, null, null, session);
            }
            default -> {
                absent(node, at, "page", "scroll", "dwellMs");
                JsonNode event = node.get("event");
                if (event == null || !event.isTextual() || !VIDEO_EVENTS.contains(event.textValue())) {
                    throw new Rejected(at + "event", "one of " + VIDEO_EVENTS);
                }
                // A video whose length the browser does not know yet (a recorded WebM without a Duration
                // element) reports positions only; they are then bounded by a day.
                Double duration = node.has("duration") ? number(node, at, "duration", MAX_VIDEO_SECONDS) : null;
                if (duration != null && duration <= 0) {
                    throw new Rejected(at + "duration", "must be positive");
                }
                double position = number(node, at, "position", duration == null ? MAX_VIDEO_SECONDS : duration);
                yield new Beacon("video", null, null, null, event.textValue(), position, duration, session);
            }
        };
    }

    private static void absent(JsonNode node, String at, String... fields) throws Rejected {
        for (String field : fields) {
            if (node.has(field)) {
                throw new Rejected(at + field, "not a field of this kind of beacon");
            }
        }
    }

    private static Integer integer(JsonNode node, String at, String field, int min, int max, boolean required)
            throws Rejected {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw new Rejected(at + field, "required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new Rejected(at + field, "an integer from " + min + " to " + max);
        }
        return value.intValue();
    }

    private static double number(JsonNode node, String at, String field, double max) throws Rejected {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())
                || value.doubleValue() < 0 || value.doubleValue() > max) {
            throw new Rejected(at + field, "a number of seconds from 0 to " + max);
        }
        return value.doubleValue();
    }
}
