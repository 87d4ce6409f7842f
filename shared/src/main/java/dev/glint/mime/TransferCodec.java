package dev.glint.mime;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Optional;

/**
 * Content-Transfer-Encodings: decoding is lenient (what mail clients accept, we accept); encoding
 * writes lines of at most 76 characters with the message's own line break.
 */
public final class TransferCodec {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int LINE = 76;

    private TransferCodec() {}

    /** Whether {@code encoding} is one this codec can decode and encode again. */
    public static boolean supports(String encoding) {
        return switch (encoding) {
            case "7bit", "8bit", "binary", "quoted-printable", "base64" -> true;
            default -> false;
        };
    }

    /** The decoded body, or empty for an encoding we do not know (such a part is carried as it is). */
    public static Optional<byte[]> decode(byte[] body, String encoding) {
        return switch (encoding) {
            case "7bit", "8bit", "binary" -> Optional.of(body);
            case "base64" -> Optional.of(Base64.getMimeDecoder().decode(stripNonBase64(body)));
            case "quoted-printable" -> Optional.of(decodeQuotedPrintable(body));
            default -> Optional.empty();
        };
    }

    /** Encodes {@code data}; identity encodings are returned as they are. */
    public static byte[] encode(byte[] data, String encoding, String lineBreak) {
        return switch (encoding) {
            case "base64" -> encodeBase64(data, lineBreak);
            case "quoted-printable" -> encodeQuotedPrintable(data, lineBreak);
            default -> data;
        };
    }

    /** The longest line of {@code data} in bytes, without its line break. */
    public static int longestLine(byte[] data) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
                longest = Math.max(longest, end - start);
                start = i + 1;
            }
        }
        return longest;
    }

    private static byte[] stripNonBase64(byte[] body) {
        // The MIME decoder skips foreign characters but stops at padding: drop whatever follows a final '='.
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int significant = 0;
        boolean padded = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            boolean alphabet = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
            if (alphabet && !padded) {
                out.write(b);
                significant++;
            } else if (b == '=') {
                padded = true;
            }
        }
        // Complete the last quantum the way lenient decoders do: 2 or 3 leftover characters are padded, 1 is dropped.
        int rest = significant % 4;
        byte[] clean = out.toByteArray();
        if (rest == 1) {
            return java.util.Arrays.copyOf(clean, clean.length - 1);
        }
        if (rest == 0) {
            return clean;
        }
        byte[] paddedOut = java.util.Arrays.copyOf(clean, clean.length + (4 - rest));
        for (int i = clean.length; i < paddedOut.length; i++) {
            paddedOut[i] = '=';
        }
        return paddedOut;
    }

    /** Lenient quoted-printable decoding (a stray '=' is kept, soft breaks may carry trailing blanks). */
    public static byte[] decodeQuotedPrintable(byte[] body) {
        byte[] out = new byte[body.length]; // decoding never grows
        int o = 0;
        int n = body.length;
        for (int i = 0; i < n; i++) {
            byte b = body[i];
            if (b == ' ' || b == '\t') {
                int j = i + 1;
                while (j < n && (body[j] == ' ' || body[j] == '\t')) {
                    j++;
                }
                if (j == n || body[j] == '\n' || (body[j] == '\r' && j + 1 < n && body[j + 1] == '\n')) {
                    i = j - 1; // trailing blanks were added in transport: RFC 2045 6.7 (3) says to drop them
                    continue;
                }
                System.arraycopy(body, i, out, o, j - i);
                o += j - i;
                i = j - 1;
                continue;
            }
            if (b != '=') {
                out[o++] = b;
                continue;
            }
            if (i + 2 < n && hex(body[i + 1]) >= 0 && hex(body[i + 2]) >= 0) {
                out[o++] = (byte) (hex(body[i + 1]) << 4 | hex(body[i + 2]));
                i += 2;
                continue;
            }
            // A soft line break: '=' then optional blanks then the line end.
            int j = i + 1;
            while (j < n && (body[j] == ' ' || body[j] == '\t')) {
                j++;
            }
            if (j < n && body[j] == '\r' && j + 1 < n && body[j + 1] == '\n') {
                i = j + 1;
            } else if (j < n && body[j] == '\n') {
                i = j;
            } else if (j == n) {
                i = j - 1;
            } else {
                out[o++] = b; // a stray '=': kept, as lenient decoders do
            }
        }
        return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    private static byte[] encodeBase64(byte[] data, String lineBreak) {
        return Base64.getMimeEncoder(LINE, lineBreak.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encode(data);
    }

    private static byte[] encodeQuotedPrintable(byte[] data, String lineBreak) {
        byte[] br = lineBreak.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // Worst case: every byte as "=XX", plus a soft break (=, line break) per 25 such triples.
        byte[] out = new byte[data.length * 3 + (data.length / 25 + 2) * (1 + br.length)];
        int o = 0;
        int column = 0;
        int n = data.length;
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xff;
            if (b == '\n' || (b == '\r' && i + 1 < n && data[i + 1] == '\n')) {
                if (b == '\r') {
                    i++;
                }
                System.arraycopy(br, 0, out, o, br.length); // a hard line break
                o += br.length;
                column = 0;
                continue;
            }
            boolean lineEndsNext = i + 1 == n || data[i + 1] == '\n' || data[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsNext);
            // A leading '.' or "From " could be mangled by transports: encode a dot at column 0.
            if (column == 0 && b == '.') {
                literal = false;
            }
            int width = literal ? 1 : 3;
            if (column + width > LINE - 1) {
                out[o++] = '=';
                System.arraycopy(br, 0, out, o, br.length); // a soft line break
                o += br.length;
                column = 0;
            }
            if (literal) {
                out[o++] = (byte) b;
            } else {
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
            }
            column += width;
        }
        return java.util.Arrays.copyOf(out, o);
    }
}
