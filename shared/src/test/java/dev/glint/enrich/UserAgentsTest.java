package dev.glint.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserAgentsTest {
    private static final String CHROME_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private final UserAgents userAgents = new UserAgents();

    static Stream<Arguments> realUserAgents() throws IOException {
        try (InputStream in = UserAgentsTest.class.getResourceAsStream("/enrich/user-agents.tsv")) {
            List<Arguments> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                DeviceInfo expected = new DeviceInfo(orNull(c[1]), orNull(c[2]), orNull(c[3]), orNull(c[4]),
                        orNull(c[5]), DeviceType.valueOf(c[6].toUpperCase(java.util.Locale.ROOT)));
                cases.add(Arguments.of(c[7], c[0], expected));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realUserAgents")
    void recognisesRealUserAgents(String source, String userAgent, DeviceInfo expected) {
        // GIVEN a User-Agent as the software sends it WHEN parsed THEN families and type are as listed
        assertEquals(expected, userAgents.parse(userAgent), source);
    }

    @Test
    void corpusCoversEveryDeviceType() throws IOException {
        List<DeviceType> seen = realUserAgents().map(a -> ((DeviceInfo) a.get()[2]).deviceType()).distinct().toList();
        assertEquals(DeviceType.values().length, seen.size(), "types in user-agents.tsv: " + seen);
    }

    @Test
    void blankAndGarbageUserAgentsAreUnknownNotErrors() {
        for (String junk : List.of("", "   ", "-", "asdf", "\u0000\u0001\u0002", "((((((((", "Mozilla/5.0 (",
                "\uD83D\uDE00".repeat(300), "%s%n%x", "${jndi:ldap://a/b}")) {
            DeviceInfo info = userAgents.parse(junk);
            assertEquals(DeviceType.UNKNOWN, info.deviceType(), junk);
        }
        assertSame(DeviceInfo.UNKNOWN, userAgents.parse(""));
    }

    @Test
    void cutsUserAgentsLongerThan512CharactersBeforeParsing() {
        // GIVEN a real User-Agent padded far past the limit
        String huge = CHROME_WINDOWS + " " + "x".repeat(100_000);

        // WHEN parsed
        DeviceInfo info = userAgents.parse(huge);

        // THEN the leading part still parses, and only the clipped key is cached
        assertEquals("Chrome", info.browser());
        assertEquals(UserAgents.MAX_CHARS, UserAgents.clip(huge).length());
        assertEquals(1, userAgents.cachedEntries());
        assertEquals(info, userAgents.parse(UserAgents.clip(huge)));
        assertEquals(1, userAgents.cachedEntries(), "clipped and unclipped forms share one entry");
    }

    @Test
    void clippingNeverSplitsASurrogatePair() {
        String ua = "a".repeat(UserAgents.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
        String clipped = UserAgents.clip(ua);
        assertEquals(UserAgents.MAX_CHARS - 1, clipped.length());
        assertTrue(!Character.isHighSurrogate(clipped.charAt(clipped.length() - 1)));
    }

    @Test
    void cachedParseEqualsUncachedParse() {
        // GIVEN a parse that filled the cache
        DeviceInfo first = userAgents.parse(CHROME_WINDOWS);

        // WHEN the same User-Agent comes again
        DeviceInfo second = userAgents.parse(CHROME_WINDOWS);

        // THEN it is answered from the cache, equal to a fresh parse
        assertSame(first, second);
        assertEquals(UserAgents.parseUncached(CHROME_WINDOWS), second);
        assertEquals(1, userAgents.cachedEntries());
    }

    @Test
    void cacheNeverHoldsMoreThanItsCapacityAndDropsTheLeastRecentlyUsed() {
        // GIVEN a cache of 100 entries, with one entry kept in use
        UserAgents small = new UserAgents(100);
        String favourite = CHROME_WINDOWS;
        DeviceInfo kept = small.parse(favourite);

        // WHEN 1,000 distinct User-Agents pass through it
        for (int i = 0; i < 1_000; i++) {
            small.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/" + i + ".0");
            small.parse(favourite);
            assertTrue(small.cachedEntries() <= 100, "cache grew to " + small.cachedEntries());
        }

        // THEN it is full but not over, and the one in use survived
        assertEquals(100, small.cachedEntries());
        assertSame(kept, small.parse(favourite));
    }

    @Test
    void parsesFromManyThreadsWithinTheBound() throws Exception {
        // GIVEN a cache smaller than the set of User-Agents four threads use
        UserAgents shared = new UserAgents(50);
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            agents.add("Mozilla/5.0 (X11; Linux x86_64; rv:" + i + ".0) Gecko/20100101 Firefox/" + i + ".0");
        }

        // WHEN they parse concurrently
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 37;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 600; i++) {
                        String ua = agents.get((i + offset) % agents.size());
                        DeviceInfo info = shared.parse(ua);
                        if (!"Firefox".equals(info.browser()) || info.deviceType() != DeviceType.DESKTOP) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            // THEN every answer is right and the cache stayed within its bound
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(shared.cachedEntries() <= 50);
    }

    @Test
    void rejectsAnEmptyCache() {
        assertThrows(IllegalArgumentException.class, () -> new UserAgents(0));
    }

    private static @Nullable String orNull(String cell) {
        return cell.equals("-") ? null : cell;
    }
}
