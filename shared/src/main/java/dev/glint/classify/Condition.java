package dev.glint.classify;

import dev.glint.net.IpAddress;
import java.util.regex.Pattern;

/** One test in a rule's {@code when} block; a rule matches when all of its conditions hold. */
sealed interface Condition {
    boolean test(HitView hit);

    /** {@code "kind": "open"|"click"}. */
    record KindIs(HitKind kind) implements Condition {
        @Override
        public boolean test(HitView hit) {
            return hit.traits().kind() == kind;
        }
    }

    /** {@code "method": "GET"}, case-insensitive. */
    record MethodIs(String method) implements Condition {
        @Override
        public boolean test(HitView hit) {
            return hit.traits().method().equalsIgnoreCase(method);
        }
    }

    /** {@code "methodNot": "GET"}: any other method, e.g. HEAD or OPTIONS. */
    record MethodIsNot(String method) implements Condition {
        @Override
        public boolean test(HitView hit) {
            return !hit.traits().method().equalsIgnoreCase(method);
        }
    }

    /** {@code "userAgent"} written as plain text alternatives ({@code a|b}): a case-insensitive substring test. */
    record UserAgentContains(String[] lowerCaseLiterals) implements Condition {
        @Override
        public boolean test(HitView hit) {
            String ua = hit.lowerUserAgent();
            for (String literal : lowerCaseLiterals) {
                if (ua.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code "userAgent"} with regex syntax: a case-insensitive {@code find}. */
    record UserAgentMatches(Pattern pattern) implements Condition {
        @Override
        public boolean test(HitView hit) {
            return pattern.matcher(hit.traits().userAgent()).find();
        }
    }

    /** {@code "userAgentIs"}: the whole header, exactly (Apple's bare {@code Mozilla/5.0}, or empty). */
    record UserAgentIs(String value) implements Condition {
        @Override
        public boolean test(HitView hit) {
            return hit.traits().userAgent().equals(value);
        }
    }

    /** {@code "header": {"name": "regex"}}: the header is present and matches, case-insensitively. */
    record HeaderMatches(String name, Pattern pattern) implements Condition {
        @Override
        public boolean test(HitView hit) {
            String value = hit.traits().headers().get(name);
            return value != null && pattern.matcher(value).find();
        }
    }

    /** {@code "headerAbsent": ["name"]}: the header is missing or blank. */
    record HeaderAbsent(String name) implements Condition {
        @Override
        public boolean test(HitView hit) {
            String value = hit.traits().headers().get(name);
            return value == null || value.isBlank();
        }
    }

    /** {@code "network": "id"}: the client address is inside one of the network's CIDR blocks. */
    record InNetwork(String id, IpRanges ranges) implements Condition {
        @Override
        public boolean test(HitView hit) {
            IpAddress ip = hit.ip();
            return ip != null && ranges.contains(ip);
        }
    }

    /** {@code "sentWithin": "thresholdName"}: the send time is known and the hit came sooner than that. */
    record SentWithin(String threshold, long seconds) implements Condition {
        @Override
        public boolean test(HitView hit) {
            var since = hit.traits().secondsSinceSend();
            return since.isPresent() && since.getAsLong() < seconds;
        }
    }
}
