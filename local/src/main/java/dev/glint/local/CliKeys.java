package dev.glint.local;

import dev.glint.token.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which token keys the debugging commands use: a given file, the local stack's, or fresh ones. */
final class CliKeys {
    static final Path DEFAULT_FILE = Path.of(".glint", "data", "token-keys.json");

    private CliKeys() {}

    static KeyRing load(Path file, boolean explicit) {
        if (Files.exists(file)) {
            return LocalKeys.keyRing(file);
        }
        if (explicit) {
            throw new IllegalArgumentException("no key file at " + file);
        }
        return KeyRing.generate(); // nothing to match: a throwaway ring is as good as any
    }
}
