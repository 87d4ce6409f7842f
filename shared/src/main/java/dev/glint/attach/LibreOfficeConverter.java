package dev.glint.attach;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Converts with LibreOffice headless ({@code soffice --headless --convert-to pdf}), one process
 * per document with a private user profile (two conversions never share or lock one), killed
 * with its children when it outlives the timeout.
 */
public final class LibreOfficeConverter implements DocumentConverter {
    /** The first start with a fresh profile takes a few seconds; large decks take longer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_OUTPUT_KEPT = 2000;

    private final String executable;
    private final Duration timeout;

    /** @param executable an absolute path, or a name looked up on {@code PATH} (normally {@code soffice}) */
    public LibreOfficeConverter(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** {@code soffice} from {@code PATH}, with the default timeout. */
    public static LibreOfficeConverter onPath() {
        return new LibreOfficeConverter("soffice", DEFAULT_TIMEOUT);
    }

    @Override
    public boolean available() {
        if (executable.contains(File.separator)) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, executable)));
    }

    @Override
    public Path toPdf(Path source, Path outputDir) throws IOException {
        Path profile = Files.createTempDirectory("glint-soffice-profile");
        Path log = Files.createTempFile("glint-soffice", ".log");
        try {
            Process process = new ProcessBuilder(List.of(executable,
                    "-env:UserInstallation=" + profile.toUri(),
                    "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                    "--convert-to", "pdf", "--outdir", outputDir.toString(), source.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while converting", e);
            }
            if (!finished) {
                kill(process);
                throw new IOException("the conversion took longer than " + timeout.toSeconds() + " s and was stopped");
            }
            String name = source.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path pdf = outputDir.resolve((dot > 0 ? name.substring(0, dot) : name) + ".pdf");
            if (process.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new IOException("LibreOffice exited with " + process.exitValue() + " and no PDF: " + tail(log));
            }
            return pdf;
        } finally {
            deleteTree(profile);
            Files.deleteIfExists(log);
        }
    }

    /** soffice is a script that starts soffice.bin: the children go first, or they outlive it. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) throws IOException {
        String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
        return out.length() > MAX_OUTPUT_KEPT ? out.substring(out.length() - MAX_OUTPUT_KEPT) : out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless; the conversion's outcome is what matters
        }
    }
}
