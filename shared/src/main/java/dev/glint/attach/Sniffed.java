package dev.glint.attach;

import java.util.Optional;

/**
 * What an upload's first bytes say it is.
 *
 * @param contentType the media type the bytes prove (never the client's word), e.g. {@code application/pdf}
 * @param family how a viewer could show it
 * @param contradiction set when the client claimed a type the bytes contradict: what was claimed and found
 */
public record Sniffed(String contentType, Family family, Optional<String> contradiction) {

    /** The ways a file can be shown. */
    public enum Family {
        PDF, IMAGE, VIDEO, AUDIO, OFFICE, TEXT, OTHER
    }
}
