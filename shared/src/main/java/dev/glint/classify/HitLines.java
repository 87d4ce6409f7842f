package dev.glint.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Classifies JSON Lines of hits into JSON Lines of verdicts, one output line per input line, in
 * order; what {@code glint classify} runs. A bad line yields {@code {"line": N, "error": "…"}} and
 * the run goes on; blank lines are skipped.
 *
 * <p>Input: {@code {"id", "kind": "open"|"click", "method", "ip", "user_agent", "headers": {name: value},
 * "seconds_since_send": n|null}}; {@code headers} and {@code seconds_since_send} may be left out,
 * other fields are ignored. Output: {@code {"id", "verdict", "reasons", "client"}}.
 */
public final class HitLines {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final HitClassifier classifier;

    public HitLines(HitClassifier classifier) {
        this.classifier = classifier;
    }

    /** What a run did. */
    public record Result(long lines, long classified, long errors) {}

    /** Reading the input failed after {@code linesRead} lines; the output so far is flushed. */
    public static final class UnreadableInputException extends IOException {
        private final long linesRead;

        UnreadableInputException(long linesRead, IOException cause) {
            super(cause.getMessage(), cause);
            this.linesRead = linesRead;
        }

        public long linesRead() {
            return linesRead;
        }
    }

    /**
     * Reads every line of {@code in}, writes one line per non-blank input line to {@code out} and
     * flushes it at the end.
     *
     * @throws UnreadableInputException when {@code in} fails
     * @throws IOException when {@code out} fails
     */
    public Result classify(BufferedReader in, Writer out) throws IOException {
        long lineNumber = 0;
        long classified = 0;
        long errors = 0;
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.setRootValueSeparator(new SerializedString(""));
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (IOException e) {
                    gen.flush();
                    throw new UnreadableInputException(lineNumber, e);
                }
                if (line == null) {
                    break;
                }
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                @Nullable String error = null;
                try {
                    Parsed hit = parse(line);
                    Classification c = classifier.classify(hit.traits());
                    write(gen, hit.id(), c);
                    classified++;
                } catch (BadLine e) {
                    error = e.getMessage();
                }
                if (error != null) {
                    gen.writeStartObject();
                    gen.writeNumberField("line", lineNumber);
                    gen.writeStringField("error", error);
                    gen.writeEndObject();
                    errors++;
                }
                gen.writeRaw('\n');
            }
            gen.flush();
        }
        out.flush();
        return new Result(lineNumber, classified, errors);
    }

    private static void write(JsonGenerator gen, String id, Classification c) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", id);
        gen.writeStringField("verdict", c.verdict().wire());
        gen.writeArrayFieldStart("reasons");
        for (String reason : c.reasons()) {
            gen.writeString(reason);
        }
        gen.writeEndArray();
        gen.writeStringField("client", c.client());
        gen.writeEndObject();
    }

    private record Parsed(String id, HitTraits traits) {}

    /** A line that is not a valid hit; the message says why, naming the field. */
    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private static Parsed parse(String line) throws BadLine {
        @Nullable String id = null;
        @Nullable HitKind kind = null;
        @Nullable String method = null;
        @Nullable String ip = null;
        @Nullable String userAgent = null;
        Map<String, String> headers = Map.of();
        OptionalLong seconds = OptionalLong.empty();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = text(p, value, "id");
                    case "kind" -> {
                        String k = text(p, value, "kind");
                        kind = HitKind.fromWire(k)
                                .orElseThrow(() -> new BadLine("\"kind\" must be \"open\" or \"click\", not \"" + k + "\""));
                    }
                    case "method" -> method = text(p, value, "method");
                    case "ip" -> ip = text(p, value, "ip");
                    case "user_agent" -> userAgent = text(p, value, "user_agent");
                    case "headers" -> headers = headers(p, value);
                    case "seconds_since_send" -> seconds = seconds(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            if (p.nextToken() != null) {
                throw new BadLine("more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw new BadLine("malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadLine("unreadable line: " + e.getMessage());
        }
        if (id == null) {
            throw new BadLine("missing field \"id\"");
        }
        if (kind == null) {
            throw new BadLine("missing field \"kind\"");
        }
        if (method == null || method.isBlank()) {
            throw new BadLine("missing field \"method\"");
        }
        if (ip == null) {
            throw new BadLine("missing field \"ip\"");
        }
        if (userAgent == null) {
            throw new BadLine("missing field \"user_agent\" (use \"\" when the request had none)");
        }
        return new Parsed(id, new HitTraits(kind, method, ip, userAgent, headers, seconds));
    }

    private static String text(JsonParser p, JsonToken token, String field) throws BadLine, IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadLine("\"" + field + "\" must be a string");
        }
        return p.getText();
    }

    private static Map<String, String> headers(JsonParser p, JsonToken token) throws BadLine, IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new BadLine("\"headers\" must be an object of strings");
        }
        Map<String, String> headers = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName().toLowerCase(Locale.ROOT);
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new BadLine("header \"" + name + "\" must be a string");
            }
            headers.put(name, p.getText());
        }
        return headers;
    }

    private static OptionalLong seconds(JsonParser p, JsonToken token) throws BadLine, IOException {
        return switch (token) {
            case VALUE_NULL -> OptionalLong.empty();
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new BadLine("\"seconds_since_send\" is out of range");
                }
                yield OptionalLong.of(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = p.getDoubleValue();
                if (!Double.isFinite(value) || Math.abs(value) > 1e15) {
                    throw new BadLine("\"seconds_since_send\" is out of range");
                }
                yield OptionalLong.of((long) Math.floor(value));
            }
            default -> throw new BadLine("\"seconds_since_send\" must be a number or null");
        };
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unexpected input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
