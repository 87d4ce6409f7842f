package dev.glint.attachments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One validated viewer beacon: a PDF page seen ({@code page}, {@code dwellMs}, {@code scroll}),
 * an image's view time ({@code dwellMs}), or a video playback event ({@code event},
 * {@code position} and {@code duration} in seconds).
 */
record Beacon(String kind, @Nullable Integer page, @Nullable Integer dwellMs, @Nullable Integer scroll,
        @Nullable String event, @Nullable Double position, @Nullable Double duration, String session) {

    /** The fields as the hit's detail map, as the worker reads them. */
    Map<String, String> detail() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("kind", kind);
        put(detail, "page", page);
        put(detail, "dwellMs", dwellMs);
        put(detail, "scroll", scroll);
        if (event != null) {
            detail.put("event", event);
        }
        if (position != null) {
            detail.put("position", seconds(position));
        }
        if (duration != null) {
            detail.put("duration", seconds(duration));
        }
        detail.put("session", session);
        return detail;
    }

    private static void put(Map<String, String> detail, String name, @Nullable Integer value) {
        if (value != null) {
            detail.put(name, value.toString());
        }
    }

    private static String seconds(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
