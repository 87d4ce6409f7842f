package dev.glint.local;

import dev.glint.token.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secrets the local runner keeps in its data directory, readable by the owner only. */
final class LocalKeys {
    private LocalKeys() {}

    /** The token key ring in {@code file}, generated and written on first use. */
    static KeyRing keyRing(Path file) {
        return KeyRing.fromJson(readOrCreate(file, () -> KeyRing.generate().toJson()));
    }

    /** The text in {@code file}, or the created value written there first. */
    static String readOrCreate(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String value = create.get();
            write(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".tmp", null);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps its default permissions
        }
        Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
