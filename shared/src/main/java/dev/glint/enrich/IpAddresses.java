package dev.glint.enrich;

import dev.glint.net.IpAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** IP address literals as the geo lookup needs them ({@link IpAddress} parses), and which are private. */
final class IpAddresses {
    private IpAddresses() {}

    /**
     * The address a literal names; empty for anything else (host names included: no lookups).
     * Zone ids ({@code %eth0}) name this machine's interfaces and have no place on a map.
     */
    static Optional<InetAddress> parse(String text) {
        if (text.indexOf('%') >= 0) {
            return Optional.empty();
        }
        IpAddress address = IpAddress.parse(text);
        return address == null ? Optional.empty() : Optional.of(address.toInetAddress());
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
}
