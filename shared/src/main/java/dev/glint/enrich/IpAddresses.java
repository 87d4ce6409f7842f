package dev.glint.enrich;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP address literals without ever asking DNS, and tells private ranges apart. */
final class IpAddresses {
    /** Longest textual IPv6 form: eight groups, or six and a dotted IPv4 tail. */
    private static final int MAX_CHARS = 45;

    private IpAddresses() {}

    /** The address a literal names; empty for anything else (host names included: no lookups). */
    static Optional<InetAddress> parse(String text) {
        String literal = text.strip();
        if (literal.length() > 2 && literal.charAt(0) == '[' && literal.charAt(literal.length() - 1) == ']') {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.isEmpty() || literal.length() > MAX_CHARS) {
            return Optional.empty();
        }
        return literal.indexOf(':') >= 0 ? parseIpv6(literal) : parseIpv4(literal);
    }

    /**
     * False for addresses that have no place on a map: loopback, private, link-local, shared
     * (CGNAT), multicast, unique-local. Documentation ranges count as public: tests rely on them.
     */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            boolean thisNetwork = first == 0;
            boolean sharedCgnat = first == 100 && (b[1] & 0xc0) == 64;
            boolean reservedOrBroadcast = first >= 240;
            return !(thisNetwork || sharedCgnat || reservedOrBroadcast);
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
        return !uniqueLocal;
    }

    private static Optional<InetAddress> parseIpv4(String literal) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= literal.length(); i++) {
            char c = i < literal.length() ? literal.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                // A leading zero could mean octal to some parsers: refuse the ambiguity.
                if (digits == 1 && value == 0) {
                    return Optional.empty();
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return Optional.empty();
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return Optional.empty();
            }
        }
        if (part != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // unreachable: four bytes are always a valid address
        }
    }

    private static Optional<InetAddress> parseIpv6(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!allowed) {
                return Optional.empty(); // no zone ids (%eth0): they name local interfaces
            }
        }
        try {
            // With a ':' in it, the JDK parses the text as an IPv6 literal and never resolves it.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
