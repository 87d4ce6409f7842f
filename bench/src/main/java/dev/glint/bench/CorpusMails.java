package dev.glint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The corpus mails the benchmarks use, by the name a {@code @Param} gives them. */
final class CorpusMails {
    /** Smallest, median and largest file of the corpus, and the one with the most web links (15). */
    static final List<String> NAMES = List.of("small", "median", "large", "links");

    private CorpusMails() {}

    static String read(String name) {
        Path file = root().resolve(switch (name) {
            case "small" -> "mailgun-transactional-email-templates/templates/action.html";
            case "median" -> "activecampaign-postmark-templates/templates/basic-full/trial-expiring/content.html";
            case "large" -> "colorlibhq-email-templates/1/index.html";
            case "links" -> "konsav-email-templates/explorational.html";
            default -> throw new IllegalArgumentException("unknown mail " + name + "; known: " + NAMES);
        });
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus mail " + file, e);
        }
    }

    private static Path root() {
        String shared = System.getProperty("glint.shared.dir", System.getenv("GLINT_SHARED_DIR"));
        if (shared == null) {
            throw new IllegalStateException(
                    "set -Dglint.shared.dir (or GLINT_SHARED_DIR) to the shared directory holding corpus/html-emails");
        }
        Path root = Path.of(shared, "corpus", "html-emails");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the HTML corpus is missing: no directory " + root.toAbsolutePath());
        }
        return root;
    }
}
