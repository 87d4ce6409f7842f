package dev.glint.api;

/** Sizes of text as UTF-8, counted without encoding it (bodies may be megabytes). */
final class Utf8 {
    private Utf8() {}

    /** The number of bytes {@code text} takes as UTF-8; a lone surrogate counts as its 3-byte replacement. */
    static long length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
