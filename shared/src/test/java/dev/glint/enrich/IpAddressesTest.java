package dev.glint.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void parsesCanonicalLiterals() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.1")), IpAddresses.parse("192.0.2.1"));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), IpAddresses.parse(" 2001:DB8:0::1 "));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::1")), IpAddresses.parse("[2001:db8::1]"));
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.1")), IpAddresses.parse("::ffff:192.0.2.1"));
    }

    @Test
    void neverResolvesNamesNorAcceptsAmbiguousForms() {
        // Host names would mean a DNS query per hit; short and zero-padded IPv4 forms mean different
        // addresses to different parsers; zone ids name this machine's interfaces.
        for (String text : List.of("localhost", "example.com", "deadbeef", "0x7f.1", "127.1", "3232235777",
                "010.0.0.1", "192.0.2.01", "fe80::1%eth0", "2001:db8::1%1", "[192.0.2.1", "1.2.3.4 5")) {
            assertEquals(Optional.empty(), IpAddresses.parse(text), text);
        }
    }

    @Test
    void tellsPublicAddressesFromPrivateOnes() {
        for (String ip : List.of("192.0.2.1", "198.51.100.1", "203.0.113.1", "2001:db8::1", "8.8.8.8", "2a00:1450::1")) {
            assertTrue(IpAddresses.isPublic(IpAddresses.parse(ip).orElseThrow()), ip);
        }
        for (String ip : List.of("10.0.0.1", "172.31.255.255", "192.168.0.1", "127.0.0.1", "::1", "0.0.0.0", "::",
                "100.64.0.1", "100.127.255.255", "169.254.169.254", "fe80::1", "fc00::1", "fdff::1", "ff02::1",
                "239.255.255.250", "240.0.0.1", "255.255.255.255")) {
            assertFalse(IpAddresses.isPublic(IpAddresses.parse(ip).orElseThrow()), ip);
        }
        assertTrue(IpAddresses.isPublic(IpAddresses.parse("100.128.0.1").orElseThrow()), "just past CGNAT");
    }
}
