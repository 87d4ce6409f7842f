package dev.glint.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address as 128 bits, parsed by hand from its literal text so that a malformed
 * value can never turn into a DNS lookup. IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are IPv4.
 * The one parser of client addresses: classification matches it against ranges, enrichment looks it up.
 *
 * @param v6 whether this is an IPv6 address; IPv4 addresses live in the low 32 bits of {@code lo}
 */
public record IpAddress(boolean v6, long hi, long lo) {
    private static final long V4_MAPPED = 0xFFFFL << 32;

    /** Parses a literal; brackets and an IPv6 zone ({@code %eth0}) are ignored. Null when malformed. */
    public static @Nullable IpAddress parse(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        if (to - from >= 2 && text.charAt(from) == '[' && text.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        int zone = text.indexOf('%', from);
        if (zone >= 0 && zone < to) {
            to = zone;
        }
        if (from >= to || to - from > 45) {
            return null;
        }
        if (text.indexOf(':', from) < 0 || text.indexOf(':', from) >= to) {
            long v4 = parseV4(text, from, to);
            return v4 < 0 ? null : new IpAddress(false, 0, v4);
        }
        return parseV6(text, from, to);
    }

    /** The same address as a JDK {@link InetAddress}, built from its bytes (no lookup). */
    public InetAddress toInetAddress() {
        byte[] bytes = new byte[v6 ? 16 : 4];
        if (v6) {
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (hi >>> (56 - 8 * i));
                bytes[i + 8] = (byte) (lo >>> (56 - 8 * i));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) (lo >>> (24 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** Dotted-quad IPv4 in {@code [from, to)} as an unsigned 32-bit value, or -1. */
    static long parseV4(String s, int from, int to) {
        long result = 0;
        int parts = 0;
        int part = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 3 || (digits == 1 && part == 0)) {
                    return -1; // more than three digits, or a leading zero (ambiguous: octal to some parsers)
                }
                part = part * 10 + (c - '0');
                digits++;
            } else if (c == '.') {
                if (digits == 0 || part > 255 || parts == 4) {
                    return -1;
                }
                result = (result << 8) | part;
                parts++;
                part = 0;
                digits = 0;
            } else {
                return -1;
            }
        }
        return parts == 4 ? result : -1;
    }

    private static @Nullable IpAddress parseV6(String s, int from, int to) {
        int[] groups = new int[8];
        int gap = s.indexOf("::", from);
        if (gap >= to - 1) {
            gap = -1;
        }
        int count;
        if (gap < 0) {
            count = parseGroups(s, from, to, groups, true);
            if (count != 8) {
                return null;
            }
        } else {
            int next = s.indexOf("::", gap + 1);
            if (next >= 0 && next < to - 1) {
                return null; // two gaps, or ":::"
            }
            int[] right = new int[8];
            int left = parseGroups(s, from, gap, groups, false);
            int tail = parseGroups(s, gap + 2, to, right, true);
            if (left < 0 || tail < 0 || left + tail > 7) {
                return null;
            }
            System.arraycopy(right, 0, groups, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        if (hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED) {
            return new IpAddress(false, 0, lo & 0xFFFF_FFFFL);
        }
        return new IpAddress(true, hi, lo);
    }

    /**
     * Colon-separated hex groups in {@code [from, to)} into {@code out}; an IPv4 tail (allowed only at
     * the end of the address) counts as two groups. Returns the number of groups, 0 for an empty
     * range, or -1 when malformed.
     */
    private static int parseGroups(String s, int from, int to, int[] out, boolean v4Tail) {
        if (from == to) {
            return 0;
        }
        int n = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i < to && s.charAt(i) != ':') {
                continue;
            }
            if (i == start || n >= 8) {
                return -1; // empty group or too many
            }
            int dot = s.indexOf('.', start);
            if (dot >= 0 && dot < i) {
                long v4 = i == to && v4Tail ? parseV4(s, start, to) : -1;
                if (v4 < 0 || n > 6) {
                    return -1;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xFFFF);
                return n;
            }
            if (i - start > 4) {
                return -1;
            }
            int value = 0;
            for (int j = start; j < i; j++) {
                int digit = Character.digit(s.charAt(j), 16);
                if (digit < 0) {
                    return -1;
                }
                value = (value << 4) | digit;
            }
            out[n++] = value;
            start = i + 1;
        }
        return n;
    }
}
