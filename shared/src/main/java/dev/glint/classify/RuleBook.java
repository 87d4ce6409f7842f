package dev.glint.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The parsed rules file: verdict rules in file order, client rules, networks and timing thresholds.
 * Parsing is strict (unknown keys, missing sources or dates, bad regexes and bad CIDR blocks all fail)
 * so that a typo in the data cannot silently switch a rule off.
 */
record RuleBook(int version, String updated, List<VerdictRule> rules, List<ClientRule> clients,
        Map<String, IpRanges> networks, Map<String, Long> timing) {

    private static final Pattern ID = Pattern.compile("[a-z]+:[A-Za-z0-9._-]+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9-]+");
    /** Characters that make a {@code userAgent} value a regex rather than plain alternatives. */
    private static final String REGEX_SYNTAX = "\\^$.[]{}()*+?";

    private static final Set<String> TOP_KEYS = Set.of("version", "updated", "about", "timing", "networks", "rules", "clients");
    private static final Set<String> TIMING_KEYS = Set.of("seconds", "explanation", "source", "date", "note");
    private static final Set<String> NETWORK_KEYS = Set.of("id", "name", "cidrs", "source", "date", "note");
    private static final Set<String> RULE_KEYS = Set.of("id", "verdict", "when", "explanation", "client", "source", "date", "note");
    private static final Set<String> CLIENT_KEYS = Set.of("id", "client", "when", "explanation", "source", "date", "note");
    private static final Set<String> WHEN_KEYS = Set.of(
            "kind", "method", "methodNot", "userAgent", "userAgentIs", "header", "headerAbsent", "network", "sentWithin");

    static RuleBook parse(JsonNode root) {
        requireObject(root, "the rules file");
        onlyKeys(root, TOP_KEYS, "the rules file");
        int version = requireInt(root, "version", "the rules file");
        String updated = requireDate(root, "updated", "the rules file");

        Map<String, Long> timing = new LinkedHashMap<>();
        JsonNode timingNode = root.path("timing");
        if (!timingNode.isMissingNode()) {
            requireObject(timingNode, "timing");
            for (Iterator<Map.Entry<String, JsonNode>> it = timingNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String where = "timing." + entry.getKey();
                JsonNode t = entry.getValue();
                requireObject(t, where);
                onlyKeys(t, TIMING_KEYS, where);
                int seconds = requireInt(t, "seconds", where);
                if (seconds <= 0) {
                    throw new IllegalArgumentException(where + ".seconds must be positive");
                }
                requireText(t, "explanation", where);
                requireText(t, "source", where);
                requireDate(t, "date", where);
                timing.put(entry.getKey(), (long) seconds);
            }
        }

        Map<String, IpRanges> networks = new HashMap<>();
        for (JsonNode n : requireArray(root, "networks", "the rules file")) {
            String id = requireText(n, "id", "a network");
            String where = "network " + id;
            requireObject(n, where);
            onlyKeys(n, NETWORK_KEYS, where);
            requireText(n, "name", where);
            requireText(n, "source", where);
            requireDate(n, "date", where);
            List<String> cidrs = new ArrayList<>();
            for (JsonNode c : requireArray(n, "cidrs", where)) {
                if (!c.isTextual()) {
                    throw new IllegalArgumentException(where + ": cidrs must be strings");
                }
                cidrs.add(c.asText());
            }
            if (cidrs.isEmpty()) {
                throw new IllegalArgumentException(where + " has no cidrs: leave an unsourced network out instead");
            }
            try {
                networks.put(id, IpRanges.of(cidrs));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }

        Set<String> ids = new HashSet<>();
        List<VerdictRule> rules = new ArrayList<>();
        for (JsonNode r : requireArray(root, "rules", "the rules file")) {
            String id = requireId(r, ids);
            String where = "rule " + id;
            onlyKeys(r, RULE_KEYS, where);
            Verdict verdict = Verdict.fromWire(requireText(r, "verdict", where))
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown verdict " + r.get("verdict")));
            String reason = id + " (" + requireText(r, "explanation", where) + ")";
            requireText(r, "source", where);
            requireDate(r, "date", where);
            @Nullable String client = r.has("client") ? requireText(r, "client", where) : null;
            rules.add(new VerdictRule(id, verdict, conditions(r.path("when"), where, networks, timing), reason,
                    List.of(reason), client));
        }

        List<ClientRule> clients = new ArrayList<>();
        for (JsonNode c : requireArray(root, "clients", "the rules file")) {
            String id = requireId(c, ids);
            String where = "client rule " + id;
            onlyKeys(c, CLIENT_KEYS, where);
            requireText(c, "explanation", where);
            requireText(c, "source", where);
            requireDate(c, "date", where);
            clients.add(new ClientRule(id, requireText(c, "client", where),
                    conditions(c.path("when"), where, networks, timing)));
        }
        return new RuleBook(version, updated, List.copyOf(rules), List.copyOf(clients), Map.copyOf(networks),
                Map.copyOf(timing));
    }

    private static Condition[] conditions(JsonNode when, String where, Map<String, IpRanges> networks,
            Map<String, Long> timing) {
        String at = where + ".when";
        requireObject(when, at);
        onlyKeys(when, WHEN_KEYS, at);
        List<Condition> out = new ArrayList<>();
        // Cheap tests first: the rule fails fast on the kind or method before any string search.
        if (when.has("kind")) {
            String kind = requireText(when, "kind", at);
            out.add(new Condition.KindIs(HitKind.fromWire(kind)
                    .orElseThrow(() -> new IllegalArgumentException(at + ".kind must be open or click"))));
        }
        if (when.has("method")) {
            out.add(new Condition.MethodIs(requireText(when, "method", at)));
        }
        if (when.has("methodNot")) {
            out.add(new Condition.MethodIsNot(requireText(when, "methodNot", at)));
        }
        if (when.has("sentWithin")) {
            String name = requireText(when, "sentWithin", at);
            Long seconds = timing.get(name);
            if (seconds == null) {
                throw new IllegalArgumentException(at + ".sentWithin names no timing threshold: " + name);
            }
            out.add(new Condition.SentWithin(name, seconds));
        }
        if (when.has("headerAbsent")) {
            for (JsonNode name : requireArray(when, "headerAbsent", at)) {
                out.add(new Condition.HeaderAbsent(headerName(name.asText(), at)));
            }
        }
        if (when.has("userAgentIs")) {
            JsonNode ua = when.get("userAgentIs");
            if (!ua.isTextual()) {
                throw new IllegalArgumentException(at + ".userAgentIs must be a string");
            }
            out.add(new Condition.UserAgentIs(ua.asText()));
        }
        if (when.has("userAgent")) {
            out.add(userAgent(requireText(when, "userAgent", at), at));
        }
        if (when.has("header")) {
            JsonNode headers = when.get("header");
            requireObject(headers, at + ".header");
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isTextual() || entry.getValue().asText().isEmpty()) {
                    throw new IllegalArgumentException(at + ".header." + entry.getKey() + " must be a regex string");
                }
                out.add(new Condition.HeaderMatches(headerName(entry.getKey(), at),
                        compile(entry.getValue().asText(), at + ".header." + entry.getKey())));
            }
        }
        if (when.has("network")) {
            String id = requireText(when, "network", at);
            IpRanges ranges = networks.get(id);
            if (ranges == null) {
                throw new IllegalArgumentException(at + ".network names no network: " + id);
            }
            out.add(new Condition.InNetwork(id, ranges));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(at + " is empty: the rule would match every hit");
        }
        return out.toArray(Condition[]::new);
    }

    /** Plain alternatives such as {@code curl/|wget/} become substring tests; anything else a regex. */
    private static Condition userAgent(String value, String at) {
        for (int i = 0; i < value.length(); i++) {
            if (REGEX_SYNTAX.indexOf(value.charAt(i)) >= 0) {
                return new Condition.UserAgentMatches(compile(value, at + ".userAgent"));
            }
        }
        String[] literals = value.toLowerCase(Locale.ROOT).split("\\|");
        for (String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException(at + ".userAgent has an empty alternative: " + value);
            }
        }
        return new Condition.UserAgentContains(literals);
    }

    private static Pattern compile(String regex, String at) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(at + " is not a valid regex: " + e.getDescription(), e);
        }
    }

    private static String headerName(String name, String at) {
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(at + ": header names are lower case: " + name);
        }
        return name;
    }

    private static String requireId(JsonNode node, Set<String> ids) {
        requireObject(node, "a rule");
        String id = requireText(node, "id", "a rule");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must look like kind:name: " + id);
        }
        if (!ids.add(id)) {
            throw new IllegalArgumentException("duplicate rule id " + id);
        }
        return id;
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + " has an unknown key \"" + key + "\"");
            }
        }
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
    }

    private static Iterable<JsonNode> requireArray(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(where + " needs an array \"" + key + "\"");
        }
        return value;
    }

    private static String requireText(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " needs a non-empty string \"" + key + "\"");
        }
        return value.asText();
    }

    private static int requireInt(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isInt()) {
            throw new IllegalArgumentException(where + " needs an integer \"" + key + "\"");
        }
        return value.asInt();
    }

    private static String requireDate(JsonNode node, String key, String where) {
        String date = requireText(node, key, where);
        if (!DATE.matcher(date).matches()) {
            throw new IllegalArgumentException(where + "." + key + " must be YYYY-MM or YYYY-MM-DD: " + date);
        }
        return date;
    }
}
