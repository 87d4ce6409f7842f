package dev.glint.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The committed .mmdb files hold exactly what test-mmdb.json documents (their generator's input). */
class MmdbTestDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A documented network: its address as a number, its prefix, and its record. */
    private record Documented(byte[] address, int prefix, JsonNode data, String cidr) {
        static Documented of(JsonNode entry) throws IOException {
            String cidr = entry.get("network").asText();
            String[] parts = cidr.split("/");
            return new Documented(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]),
                    entry.get("data"), cidr);
        }

        boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(ip.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not();
            return new BigInteger(1, ip).and(mask).equals(new BigInteger(1, address).and(mask));
        }

        InetAddress last() throws IOException {
            BigInteger host = BigInteger.ONE.shiftLeft(address.length * 8 - prefix).subtract(BigInteger.ONE);
            return bytes(new BigInteger(1, address).or(host), address.length);
        }
    }

    @Test
    void committedDatabasesMatchTheirDocumentedContents() throws Exception {
        JsonNode spec = spec();
        assertEquals(4, spec.get("databases").size());
        for (JsonNode db : spec.get("databases")) {
            String file = db.get("file").asText();
            List<Documented> documented = new ArrayList<>();
            for (JsonNode entry : db.get("networks")) {
                documented.add(Documented.of(entry));
            }
            try (Reader reader = new Reader(TestDatabases.path(file).toFile())) {
                // GIVEN the metadata the generator was told to write
                Metadata meta = reader.getMetadata();
                assertEquals(db.get("database_type").asText(), meta.databaseType(), file);
                assertEquals(db.get("ip_version").asInt(), meta.ipVersion(), file);
                assertEquals(JSON.convertValue(db.get("languages"), List.class), meta.languages(), file);
                JsonNode description = db.get("description");
                assertEquals(description.isNull() ? Map.of() : Map.of("en", description.asText()),
                        meta.description(), file);

                // WHEN each documented network is looked up at its first and last address
                for (Documented network : documented) {
                    for (InetAddress probe : List.of(InetAddress.getByAddress(network.address()), network.last())) {
                        Documented owner = mostSpecific(documented, probe.getAddress());
                        assertNotNull(owner, probe.toString());
                        // THEN it finds the record of the most specific documented network
                        assertSameData(owner.data(), reader.get(probe, Map.class), file + " " + probe);
                    }
                }

                // AND every network stored in the file carries a documented record: nothing more
                assertOnlyDocumentedNetworks(reader, documented, file);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void assertOnlyDocumentedNetworks(Reader reader, List<Documented> documented, String file)
            throws Exception {
        Networks<Map> networks = reader.networks(false, Map.class);
        int stored = 0;
        while (networks.hasNext()) {
            DatabaseRecord<Map> record = networks.next();
            InetAddress first = record.network().networkAddress();
            Documented owner = mostSpecific(documented, first.getAddress());
            if (owner == null) {
                fail(file + " holds undocumented network " + record.network());
            }
            assertSameData(owner.data(), record.data(), file + " " + record.network());
            stored++;
        }
        assertTrue(stored >= documented.size(), file + " stores " + stored + " networks");
    }

    private static @Nullable Documented mostSpecific(List<Documented> documented, byte[] ip) {
        Documented best = null;
        for (Documented network : documented) {
            if (network.contains(ip) && (best == null || network.prefix() > best.prefix())) {
                best = network;
            }
        }
        return best;
    }

    private static void assertSameData(JsonNode expected, @Nullable Object actual, String where) {
        assertNotNull(actual, where + ": no record");
        List<String> differences = new ArrayList<>();
        compare(expected, JSON.valueToTree(actual), "", differences);
        assertTrue(differences.isEmpty(), where + ": " + differences);
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> differences) {
        if (expected.isNumber() && actual.isNumber()) {
            // ip-location-db stores coordinates as 32-bit floats.
            if (Math.abs(expected.asDouble() - actual.asDouble()) > 1e-4) {
                differences.add(path + ": " + expected + " != " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            if (!new java.util.HashSet<>(names).equals(new java.util.HashSet<>(actualNames))) {
                differences.add(path + ": keys " + names + " != " + actualNames);
                return;
            }
            for (String name : names) {
                compare(expected.get(name), actual.get(name), path + "." + name, differences);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), path + "[" + i + "]", differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": " + expected + " != " + actual);
        }
    }

    @Test
    void generatorIsCommittedBesideTheData() {
        // The generator lives outside the classpath; tests run from the module directory.
        assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of("src/test/mmdb/make-test-mmdb.pl")));
        assertFalse(spec().get("about").asText().isBlank());
    }

    private static JsonNode spec() {
        try (InputStream in = MmdbTestDataTest.class.getResourceAsStream("/enrich/test-mmdb.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress bytes(BigInteger value, int length) throws IOException {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return InetAddress.getByAddress(out);
    }
}
