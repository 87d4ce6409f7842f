package dev.glint.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Parses User-Agent strings with uap-java (its bundled uap-core regexes) behind a bounded LRU
 * cache: an uncached parse costs about a millisecond, a cached one well under a microsecond, and
 * a mail's opens and clicks repeat the same few strings. Thread-safe.
 */
public final class UserAgents {
    /** Distinct User-Agents kept by default: a few MB at most (keys are clipped to MAX_CHARS). */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Longer User-Agents are cut to this many characters before parsing and caching. */
    public static final int MAX_CHARS = 512;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, DeviceInfo> recent;

    /** A parser keeping the {@value #DEFAULT_CAPACITY} most recently used User-Agents. */
    public UserAgents() {
        this(DEFAULT_CAPACITY);
    }

    /** A parser keeping the {@code capacity} most recently used User-Agents. */
    public UserAgents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeviceInfo> eldest) {
                return size() > UserAgents.this.capacity;
            }
        };
    }

    /** What a User-Agent says; {@link DeviceInfo#UNKNOWN} for blank or garbage input. Never throws. */
    public DeviceInfo parse(String userAgent) {
        String key = clip(userAgent);
        if (key.isEmpty()) {
            return DeviceInfo.UNKNOWN;
        }
        DeviceInfo cached;
        lock.lock();
        try {
            cached = recent.get(key);
        } finally {
            lock.unlock();
        }
        if (cached != null) {
            return cached;
        }
        // Parse outside the lock: a millisecond of regexes must not hold up other threads' hits.
        DeviceInfo parsed = parseUncached(key);
        lock.lock();
        try {
            recent.put(key, parsed);
        } finally {
            lock.unlock();
        }
        return parsed;
    }

    /** How many User-Agents the cache holds now; never more than its capacity. */
    public int cachedEntries() {
        lock.lock();
        try {
            return recent.size();
        } finally {
            lock.unlock();
        }
    }

    /** The capacity this cache was built with. */
    public int capacity() {
        return capacity;
    }

    /** Parses without the cache: about a millisecond. Never throws. */
    static DeviceInfo parseUncached(String userAgent) {
        String text = clip(userAgent);
        if (text.isEmpty()) {
            return DeviceInfo.UNKNOWN;
        }
        try {
            Client client = BundledRules.PARSER.parse(text);
            String browser = known(client.userAgent.family);
            String os = known(client.os.family);
            String device = known(client.device.family);
            return new DeviceInfo(
                    browser,
                    browser == null ? null : version(client.userAgent.major, client.userAgent.minor, client.userAgent.patch),
                    os,
                    os == null ? null : version(client.os.major, client.os.minor, client.os.patch, client.os.patchMinor),
                    device,
                    DeviceType.of(text, browser, os, device));
        } catch (RuntimeException e) {
            // uap's regexes are third-party data: a string that trips one is unknown, not an error.
            return DeviceInfo.UNKNOWN;
        }
    }

    static String clip(String userAgent) {
        String text = userAgent.strip();
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    private static @Nullable String known(@Nullable String family) {
        return family == null || family.isBlank() || family.equals("Other") ? null : family;
    }

    private static @Nullable String version(@Nullable String... parts) {
        StringBuilder version = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                break;
            }
            if (!version.isEmpty()) {
                version.append('.');
            }
            version.append(part);
        }
        return version.isEmpty() ? null : version.toString();
    }

    /** uap-core's rules, loaded once (about 250 ms of YAML) and shared: the parser is immutable. */
    private static final class BundledRules {
        static final Parser PARSER = new Parser();
    }
}
