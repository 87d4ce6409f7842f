package dev.glint.classify;

import dev.glint.net.IpAddress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpRangesTest {

    @Test
    void parsesAddressLiteralsExactlyAsTheJdkDoes() throws Exception {
        // InetAddress is only given literals here, so it never resolves anything.
        for (String literal : List.of("0.0.0.0", "40.107.218.12", "255.255.255.255", "::", "::1", "2001:db8::",
                "2a01:111:f403:c000::15", "2001:db8:85a3::8a2e:370:7334", "fe80::1:2", "1:2:3:4:5:6:7:8",
                "1::8", "1:2:3:4:5:6::8", "::2:3:4:5:6:7:8", "64:ff9b::192.0.2.33", "::192.0.2.33",
                "2001:DB8:0:0:8:800:200C:417A")) {
            IpAddress parsed = IpAddress.parse(literal);
            assertNotNull(parsed, literal);
            assertArrayEquals(InetAddress.getByName(literal).getAddress(), bytes(parsed), literal);
        }
    }

    @Test
    void readsIpv4MappedIpv6AsIpv4AndIgnoresBracketsAndZones() {
        assertEquals(IpAddress.parse("198.51.100.30"), IpAddress.parse("::ffff:198.51.100.30"));
        assertEquals(IpAddress.parse("198.51.100.30"), IpAddress.parse("::ffff:c633:641e"));
        assertEquals(IpAddress.parse("2001:db8::1"), IpAddress.parse("[2001:db8::1]"));
        assertEquals(IpAddress.parse("fe80::1"), IpAddress.parse("fe80::1%eth0"));
    }

    @Test
    void rejectsAnythingThatIsNotALiteralWithoutLookingItUp() {
        for (String bad : List.of("", " ", "example.com", "localhost", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4",
                "1.2.3.4 5", "1..2.3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":::", "1::2::3", "12345::", "g::1",
                "1:2:3:4:5:6:7::8:9", "::1.2.3", "1.2.3.4::", ":1::2", "1::2:", "::ffff:1.2.3.4.5")) {
            assertNull(IpAddress.parse(bad), "'" + bad + "' parsed");
        }
    }

    @Test
    void rangesIncludeExactlyTheirBlocks() {
        IpRanges ranges = IpRanges.of(List.of("40.107.0.0/16", "2a01:111:f403::/48", "192.0.2.7/32", "0.0.0.0/1"));
        assertTrue(contains(ranges, "40.107.0.0"));
        assertTrue(contains(ranges, "40.107.255.255"));
        assertTrue(contains(ranges, "40.107.218.12"));
        assertTrue(contains(ranges, "127.255.255.255"));
        assertFalse(contains(ranges, "128.0.0.0"));
        assertTrue(contains(ranges, "192.0.2.7"));
        assertFalse(contains(ranges, "192.0.2.8"));
        assertTrue(contains(ranges, "2a01:111:f403::"));
        assertTrue(contains(ranges, "2a01:111:f403:ffff:ffff:ffff:ffff:ffff"));
        assertFalse(contains(ranges, "2a01:111:f404::"));
        assertFalse(contains(ranges, "2a01:111:f402:ffff:ffff:ffff:ffff:ffff"));
        // An IPv4 block never matches an IPv6 address with the same low bits, and the reverse.
        assertFalse(contains(IpRanges.of(List.of("::/96")), "1.2.3.4"));
    }

    @Test
    void mergesOverlappingAndAdjacentBlocks() {
        IpRanges ranges = IpRanges.of(List.of("10.0.0.0/9", "10.128.0.0/9", "10.1.0.0/16", "2001:db8::/33",
                "2001:db8:8000::/33", "::/0"));
        assertEquals(2, ranges.size());
        assertTrue(contains(ranges, "10.255.255.255"));
        assertFalse(contains(ranges, "11.0.0.0"));
        assertTrue(contains(ranges, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    @Test
    void rejectsBlocksWithHostBitsOrBadPrefixes() {
        for (String bad : List.of("40.107.0.1/16", "2a01:111:f403::1/48", "1.2.3.0/33", "::/129", "1.2.3.0", "1.2.3.0/x",
                "example.com/24")) {
            assertThrows(IllegalArgumentException.class, () -> IpRanges.of(List.of(bad)), bad);
        }
    }

    @Test
    void agreesWithABigIntegerReferenceOnRandomBlocksAndAddresses() throws Exception {
        // GIVEN 300 random IPv4 and IPv6 blocks (seeded: the test is repeatable)
        Random random = new Random(20261125);
        List<String> cidrs = new ArrayList<>();
        List<BigInteger[]> reference = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean v6 = random.nextBoolean();
            int bits = v6 ? 128 : 32;
            int prefix = random.nextInt(bits + 1);
            BigInteger address = new BigInteger(bits, random);
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            BigInteger start = address.andNot(hostMask);
            cidrs.add(literal(start, v6) + "/" + prefix);
            reference.add(new BigInteger[] {start, start.or(hostMask), BigInteger.valueOf(v6 ? 6 : 4)});
        }
        IpRanges ranges = IpRanges.of(cidrs);

        // WHEN random addresses (and the blocks' own edges) are looked up
        List<BigInteger[]> probes = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            boolean v6 = random.nextBoolean();
            probes.add(new BigInteger[] {new BigInteger(v6 ? 128 : 32, random), BigInteger.valueOf(v6 ? 6 : 4)});
        }
        for (BigInteger[] r : reference) {
            probes.add(new BigInteger[] {r[0], r[2]});
            probes.add(new BigInteger[] {r[1], r[2]});
            BigInteger max = BigInteger.ONE.shiftLeft(r[2].intValue() == 6 ? 128 : 32).subtract(BigInteger.ONE);
            if (r[1].compareTo(max) < 0) {
                probes.add(new BigInteger[] {r[1].add(BigInteger.ONE), r[2]});
            }
        }

        // THEN the binary search answers what a linear scan of the blocks answers
        for (BigInteger[] probe : probes) {
            boolean expected = reference.stream().anyMatch(r -> r[2].equals(probe[1])
                    && r[0].compareTo(probe[0]) <= 0 && probe[0].compareTo(r[1]) <= 0);
            String text = literal(probe[0], probe[1].intValue() == 6);
            assertEquals(expected, contains(ranges, text), text);
        }
    }

    private static boolean contains(IpRanges ranges, String ip) {
        IpAddress address = IpAddress.parse(ip);
        assertNotNull(address, ip);
        return ranges.contains(address);
    }

    private static byte[] bytes(IpAddress ip) {
        if (!ip.v6()) {
            long v = ip.lo();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (ip.hi() >>> (56 - 8 * i));
            out[8 + i] = (byte) (ip.lo() >>> (56 - 8 * i));
        }
        return out;
    }

    /** Renders a number as an address literal; IPv6 in full eight-group form (no :: compression). */
    private static String literal(BigInteger value, boolean v6) {
        if (!v6) {
            long v = value.longValue();
            return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            s.append(Integer.toHexString(value.shiftRight(16 * i).intValue() & 0xFFFF));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
