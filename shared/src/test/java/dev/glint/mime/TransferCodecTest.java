package dev.glint.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Quoted-printable and base64 as the relay writes them, and as it reads what senders wrote. */
class TransferCodecTest {
    private static final int SAMPLES = 500;

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n"})
    void quotedPrintableRoundTripsAnyBytesInShortLines(String lineBreak) {
        Random random = new Random(20261125L);
        for (int sample = 0; sample < SAMPLES; sample++) {
            // GIVEN random bytes, their hard line breaks written the message's way (QP keeps lines, not their bytes)
            byte[] data = withLineBreaks(randomBytes(random, sample), lineBreak);

            // WHEN they are encoded and decoded again
            byte[] encoded = TransferCodec.encode(data, "quoted-printable", lineBreak);
            byte[] decoded = TransferCodec.decode(encoded, "quoted-printable").orElseThrow();

            // THEN nothing is lost and every line fits the 76 characters of RFC 2045
            assertArrayEquals(data, decoded, "sample " + sample);
            assertLinesWithin(encoded, lineBreak, 76);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n"})
    void base64RoundTripsAnyBytesInShortLines(String lineBreak) {
        Random random = new Random(42L);
        for (int sample = 0; sample < SAMPLES; sample++) {
            byte[] data = randomBytes(random, sample);

            byte[] encoded = TransferCodec.encode(data, "base64", lineBreak);

            assertArrayEquals(data, TransferCodec.decode(encoded, "base64").orElseThrow(), "sample " + sample);
            assertLinesWithin(encoded, lineBreak, 76);
        }
    }

    @Test
    void quotedPrintableProtectsBlanksBeforeLineBreaksAndLeadingDots() {
        byte[] encoded = TransferCodec.encode(ascii("a \r\n.b\t"), "quoted-printable", "\r\n");

        assertEquals("a=20\r\n=2Eb=09", new String(encoded, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a trailing equals is a soft break         | abc=              | abc",
        "an equals and blanks at the end           | 'abc=  \t'        | abc",
        "an invalid escape is kept                 | a=ZZb             | a=ZZb",
        "a lone equals is kept                     | '1 = 2'           | '1 = 2'",
        "lower-case hex is read                    | x=3dy=c3=a9       | x=y\u00c3\u00a9",
        "an escape cut by the end is kept          | ab=4              | ab=4",
    })
    void quotedPrintableDecodesBrokenInputAsClientsDo(String why, String encoded, String expected) {
        byte[] decoded = TransferCodec.decode(latin1(encoded), "quoted-printable").orElseThrow();

        assertEquals(expected, new String(decoded, StandardCharsets.ISO_8859_1), why);
    }

    @Test
    void quotedPrintableSoftBreaksMayCarryTrailingBlanks() {
        byte[] decoded = TransferCodec.decode(ascii("one=  \r\ntwo=\t\nthree"), "quoted-printable").orElseThrow();

        assertEquals("onetwothree", new String(decoded, StandardCharsets.US_ASCII));
    }

    @Test
    void quotedPrintableDropsBlanksThatTransportAddedBeforeALineBreak() {
        // RFC 2045 6.7 (3): trailing white space on an encoded line was added in transport
        byte[] decoded = TransferCodec.decode(ascii("one  \r\ntwo\t\nthree \t"), "quoted-printable").orElseThrow();

        assertEquals("one\r\ntwo\nthree", new String(decoded, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "well formed                  | SGVsbG8gd29ybGQ=       | Hello world",
        "missing padding              | SGVsbG8gd29ybGQ        | Hello world",
        "junk between characters      | SGVs*bG8g!d29y bGQ=    | Hello world",
        "anything after the padding   | SGVsbG8gd29ybGQ=junk== | Hello world",
        "a dangling sixth of a byte   | SGVsbG8gd29ybGQh1      | Hello world!",
        "nothing                      | ''                     | ''",
    })
    void base64DecodesBrokenInputAsClientsDo(String why, String encoded, String expected) {
        byte[] decoded = TransferCodec.decode(ascii(encoded), "base64").orElseThrow();

        assertEquals(expected, new String(decoded, StandardCharsets.US_ASCII), why);
    }

    @Test
    void identityEncodingsPassThroughAndUnknownOnesAreNotDecoded() {
        byte[] body = latin1("caf\u00e9\r\n");
        for (String encoding : new String[] {"7bit", "8bit", "binary"}) {
            assertTrue(TransferCodec.supports(encoding));
            assertArrayEquals(body, TransferCodec.decode(body, encoding).orElseThrow());
            assertArrayEquals(body, TransferCodec.encode(body, encoding, "\r\n"));
        }
        assertFalse(TransferCodec.supports("x-uuencode"));
        assertTrue(TransferCodec.decode(body, "x-uuencode").isEmpty());
    }

    @Test
    void longestLineIgnoresLineBreaks() {
        assertEquals(3, TransferCodec.longestLine(ascii("ab\r\nabc\nx")));
        assertEquals(0, TransferCodec.longestLine(new byte[0]));
    }

    private static byte[] randomBytes(Random random, int sample) {
        byte[] data = new byte[sample % 7 == 0 ? random.nextInt(4) : random.nextInt(600)];
        for (int i = 0; i < data.length; i++) {
            // Half the samples are text-like (mostly printable, blanks, line breaks), half arbitrary bytes.
            data[i] = sample % 2 == 0 ? (byte) random.nextInt(256) : (byte) " \t\r\n=.aZ09<>\"\u00e9\u00ff".charAt(random.nextInt(15));
        }
        return data;
    }

    /** {@code data} with every line break, LF or CRLF, written as {@code lineBreak}; a CR never ends a line. */
    private static byte[] withLineBreaks(byte[] data, String lineBreak) {
        byte[] out = new byte[data.length * 2];
        int n = 0;
        for (byte b : data) {
            if (b == '\n') {
                while (n > 0 && out[n - 1] == '\r') {
                    n--; // CR LF is one line break, however many CRs come before it
                }
                for (byte c : ascii(lineBreak)) {
                    out[n++] = c;
                }
            } else {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static void assertLinesWithin(byte[] encoded, String lineBreak, int limit) {
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        for (String line : text.split(lineBreak, -1)) {
            assertTrue(line.length() <= limit, "line of " + line.length() + ": " + line);
            assertFalse(line.indexOf('\n') >= 0 || (lineBreak.equals("\r\n") && line.indexOf('\r') >= 0), "stray line break");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
