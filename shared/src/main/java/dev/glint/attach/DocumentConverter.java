package dev.glint.attach;

import java.io.IOException;
import java.nio.file.Path;

/** Turns an Office document into a PDF the viewer can show. */
public interface DocumentConverter {

    /** Whether a conversion can be tried at all (the converter is installed). */
    boolean available();

    /**
     * Converts {@code source} (its extension names its format) and returns the PDF, written in
     * {@code outputDir}.
     *
     * @throws IOException when the conversion failed, timed out or produced no PDF
     */
    Path toPdf(Path source, Path outputDir) throws IOException;
}
