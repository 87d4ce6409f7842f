package dev.glint.config;

import dev.glint.model.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout, which Lambda ships to CloudWatch as is.
 * A line may carry a CloudWatch Embedded Metric Format count, so alarms need no log parsing.
 * Callers pass ids and class names only: never a token, key, address or mail body.
 */
public final class LogLine {
    private static final String NAMESPACE = "Glint";

    private LogLine() {}

    /** Logs {@code event} with its fields. */
    public static void log(String level, String event, Map<String, ?> fields) {
        write(System.out, line(level, event, fields));
    }

    /** Logs {@code event} and counts it as the metric {@code metric} (EMF, namespace Glint). */
    public static void count(String level, String event, String metric, Map<String, ?> fields) {
        Map<String, Object> line = line(level, event, fields);
        line.put("_aws", Map.of(
                "Timestamp", Instant.now().toEpochMilli(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of()),
                        "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))));
        line.put(metric, 1);
        write(System.out, line);
    }

    private static Map<String, Object> line(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        line.putAll(fields);
        return line;
    }

    private static void write(PrintStream out, Map<String, Object> line) {
        out.println(Json.write(line));
    }
}
