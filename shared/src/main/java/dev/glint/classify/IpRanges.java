package dev.glint.classify;

import dev.glint.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A set of IPv4 and IPv6 CIDR blocks as sorted, merged ranges; lookups are binary searches with no
 * allocation. Immutable and thread-safe.
 */
final class IpRanges {
    private final long[] v4Start;
    private final long[] v4End;
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;

    private record Range(long startHi, long startLo, long endHi, long endLo) {}

    private IpRanges(List<Range> v4, List<Range> v6) {
        v4Start = v4.stream().mapToLong(Range::startLo).toArray();
        v4End = v4.stream().mapToLong(Range::endLo).toArray();
        v6StartHi = v6.stream().mapToLong(Range::startHi).toArray();
        v6StartLo = v6.stream().mapToLong(Range::startLo).toArray();
        v6EndHi = v6.stream().mapToLong(Range::endHi).toArray();
        v6EndLo = v6.stream().mapToLong(Range::endLo).toArray();
    }

    /**
     * Parses CIDR blocks such as {@code 40.107.0.0/16} or {@code 2a01:111:f403::/48}. A block with
     * host bits set is rejected: it is almost always a typo in the source list.
     */
    static IpRanges of(List<String> cidrs) {
        List<Range> v4 = new ArrayList<>();
        List<Range> v6 = new ArrayList<>();
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a CIDR block (no /prefix): " + cidr);
            }
            IpAddress address = IpAddress.parse(cidr.substring(0, slash));
            int prefix = prefixLength(cidr, slash);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address literal: " + cidr);
            }
            if (address.v6()) {
                v6.add(v6Range(cidr, address, prefix));
            } else {
                v4.add(v4Range(cidr, address, prefix));
            }
        }
        return new IpRanges(merge(v4), merge(v6));
    }

    boolean contains(IpAddress address) {
        if (!address.v6()) {
            int i = floor(v4Start, address.lo());
            return i >= 0 && address.lo() <= v4End[i];
        }
        int lo = 0;
        int hi = v6StartHi.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6StartHi[mid], v6StartLo[mid], address.hi(), address.lo()) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && compare(address.hi(), address.lo(), v6EndHi[found], v6EndLo[found]) <= 0;
    }

    /** How many merged ranges there are (IPv4 plus IPv6). */
    int size() {
        return v4Start.length + v6StartHi.length;
    }

    private static int prefixLength(String cidr, int slash) {
        try {
            return Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
    }

    private static Range v4Range(String cidr, IpAddress address, int prefix) {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("IPv4 prefix must be 0..32: " + cidr);
        }
        long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
        if ((address.lo() & ~mask) != 0) {
            throw new IllegalArgumentException("host bits set in " + cidr);
        }
        return new Range(0, address.lo(), 0, address.lo() | (~mask & 0xFFFF_FFFFL));
    }

    private static Range v6Range(String cidr, IpAddress address, int prefix) {
        if (prefix < 0 || prefix > 128) {
            throw new IllegalArgumentException("IPv6 prefix must be 0..128: " + cidr);
        }
        long hiMask = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0 : -1L << (128 - prefix);
        if ((address.hi() & ~hiMask) != 0 || (address.lo() & ~loMask) != 0) {
            throw new IllegalArgumentException("host bits set in " + cidr);
        }
        return new Range(address.hi(), address.lo(), address.hi() | ~hiMask, address.lo() | ~loMask);
    }

    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> compare(a.startHi(), a.startLo(), b.startHi(), b.startLo()));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            @Nullable Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (compare(r.startHi(), r.startLo(), last.endHi(), last.endLo()) <= 0 || isNext(last, r))) {
                if (compare(r.endHi(), r.endLo(), last.endHi(), last.endLo()) > 0) {
                    merged.set(merged.size() - 1, new Range(last.startHi(), last.startLo(), r.endHi(), r.endLo()));
                }
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** Whether {@code r} starts right after {@code last} ends (adjacent blocks merge). */
    private static boolean isNext(Range last, Range r) {
        long nextLo = last.endLo() + 1;
        long nextHi = nextLo == 0 ? last.endHi() + 1 : last.endHi();
        if (nextLo == 0 && last.endHi() == -1L) {
            return false; // the end of the address space
        }
        return nextHi == r.startHi() && nextLo == r.startLo();
    }

    private static int floor(long[] starts, long value) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= value) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
