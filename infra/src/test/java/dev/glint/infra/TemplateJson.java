package dev.glint.infra;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.assertions.Template;

/** Reads the template's JSON tree (maps and lists) where the assertion matchers cannot express the check. */
final class TemplateJson {
    private TemplateJson() {}

    static Map<String, Object> resources(Template template) {
        return map(template.toJSON().get("Resources"));
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        Object props = resource.get("Properties");
        return props == null ? Map.of() : map(props);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new AssertionError("expected a JSON object, got " + value);
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(@Nullable Object value) {
        if (!(value instanceof List<?> l)) {
            throw new AssertionError("expected a JSON array, got " + value);
        }
        return (List<Object>) l;
    }

    /** IAM allows a single value or an array in Action, Resource and Statement: read both as a list. */
    static List<Object> listOrSingle(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> ? list(value) : List.of(value);
    }

    static @Nullable Object path(Object root, String... keys) {
        Object at = root;
        for (String key : keys) {
            at = map(at).get(key);
        }
        return at;
    }

    /** The logical id in {"Fn::GetAtt": [id, attr]}. */
    static String getAttTarget(@Nullable Object value) {
        return String.valueOf(list(map(value).get("Fn::GetAtt")).get(0));
    }

    /** The logical id in {"Ref": id}. */
    static String refTarget(@Nullable Object value) {
        return String.valueOf(map(value).get("Ref"));
    }

    /**
     * The literal text of a value: strings as they are, Fn::Join with every intrinsic replaced by "{}", other
     * intrinsics (Ref, GetAtt: one resource's own ARN) as "{}".
     */
    static String literalText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Fn::Join")) {
            List<Object> join = list(intrinsic.get("Fn::Join"));
            StringBuilder text = new StringBuilder();
            for (Object part : list(join.get(1))) {
                text.append(part instanceof String s ? s : "{}");
            }
            return text.toString();
        }
        return "{}";
    }

    /** {@code Fn::GetAtt [id, Arn]}. */
    static Map<String, Object> getAtt(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    /** {@code Fn::Join ["", [head, tail]]}. */
    static Map<String, Object> join(Object head, String tail) {
        return Map.of("Fn::Join", List.of("", List.of(head, tail)));
    }

    /** An Allow statement with its actions and resources as sets: IAM reads neither in order. */
    static Map<String, Object> statement(List<String> actions, Object... resources) {
        return Map.of("Effect", "Allow", "Action", new java.util.TreeSet<>(actions), "Resource", java.util.Set.of(resources));
    }

    /** A template's statement in the form of {@link #statement}: actions and resources as sets. */
    static Map<String, Object> normalized(Map<String, Object> statement) {
        Map<String, Object> copy = new java.util.HashMap<>(statement);
        java.util.TreeSet<String> actions = new java.util.TreeSet<>();
        listOrSingle(statement.get("Action")).forEach(a -> actions.add(a.toString()));
        copy.put("Action", actions);
        copy.put("Resource", new java.util.HashSet<>(listOrSingle(statement.get("Resource"))));
        return copy;
    }
}
