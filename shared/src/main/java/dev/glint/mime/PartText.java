package dev.glint.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A text part's characters and the charset that turns them back into the same bytes. A label
 * Java does not know, or bytes its charset cannot round-trip, fall back to ISO-8859-1 for any
 * ASCII-compatible label: one char per byte, so every byte Glint does not rewrite is written back
 * as it came (the inserted markup is ASCII).
 */
public record PartText(String text, Charset charset) {

    /** Decodes {@code body}; empty when no charset can round-trip it (UTF-16 and kin). */
    public static Optional<PartText> decode(byte[] body, @Nullable String label) {
        if (label == null || label.isBlank()) {
            if (isAscii(body)) {
                return Optional.of(new PartText(new String(body, StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII));
            }
            return strict(body, StandardCharsets.UTF_8).or(() -> Optional.of(latin1(body)));
        }
        String name = label.trim().toLowerCase(Locale.ROOT);
        Charset charset = forName(name);
        if (charset != null) {
            Optional<PartText> exact = strict(body, charset);
            if (exact.isPresent()) {
                return exact;
            }
        }
        if (name.startsWith("utf-16") || name.startsWith("utf-32") || name.startsWith("ucs") || name.startsWith("unicode")) {
            return Optional.empty();
        }
        return Optional.of(latin1(body));
    }

    /** The characters encoded back; empty when the charset cannot carry them. */
    public Optional<byte[]> encode(String characters) {
        if (charset.equals(StandardCharsets.US_ASCII)) {
            return isAscii(characters) ? Optional.of(characters.getBytes(StandardCharsets.ISO_8859_1)) : Optional.empty();
        }
        if (charset.equals(StandardCharsets.UTF_8) && !hasLoneSurrogate(characters)) {
            return Optional.of(characters.getBytes(StandardCharsets.UTF_8)); // the JDK's fast path; exact for such text
        }
        try {
            ByteBuffer out = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(characters));
            return Optional.of(Arrays.copyOfRange(out.array(), out.arrayOffset() + out.position(), out.arrayOffset() + out.limit()));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<PartText> strict(byte[] body, Charset charset) {
        if (!charset.canEncode()) {
            return Optional.empty();
        }
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            PartText text = new PartText(chars.toString(), charset);
            if (charset.equals(StandardCharsets.UTF_8)) {
                return Optional.of(text); // strict UTF-8 decoding is one-to-one: the round trip cannot differ
            }
            // Stateful and legacy charsets may encode the same text differently: only an exact round trip is kept.
            return text.encode(text.text()).filter(again -> Arrays.equals(again, body)).map(again -> text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static PartText latin1(byte[] body) {
        return new PartText(new String(body, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }

    private static @Nullable Charset forName(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return null;
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
