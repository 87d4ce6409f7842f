package dev.glint.local.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to start the emulators.
 *
 * @param emulatorsDir the directory holding package.json, fauxqs.mjs and node_modules (after {@code npm ci})
 * @param logDir       where each emulator's stdout and stderr go ({@code dynalite.log}, {@code fauxqs.log}, {@code ses.log})
 * @param dataDir      dynalite's LevelDB directory, or null to keep DynamoDB data in memory
 *                     (fauxqs and aws-ses-v2-local always keep their state in memory)
 * @param emulators    which emulators to start
 * @param startTimeout how long each may take to answer before start fails
 * @param verbose      let dynalite and fauxqs log every request
 */
public record EmulatorOptions(
        Path emulatorsDir,
        Path logDir,
        @Nullable Path dataDir,
        Set<Emulator> emulators,
        Duration startTimeout,
        boolean verbose) {

    /** System property naming the emulators dir (set by the local module's surefire config). */
    public static final String EMULATORS_DIR_PROPERTY = "glint.emulators.dir";
    /** Environment variable naming the emulators dir. */
    public static final String EMULATORS_DIR_ENV = "GLINT_EMULATORS_DIR";

    public EmulatorOptions {
        Objects.requireNonNull(emulatorsDir, "emulatorsDir");
        Objects.requireNonNull(logDir, "logDir");
        if (emulators.isEmpty()) {
            throw new IllegalArgumentException("no emulator to start");
        }
        emulators = Set.copyOf(emulators);
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
    }

    /** All emulators, DynamoDB in memory, 30 s start timeout, quiet logs. */
    public static EmulatorOptions inMemory(Path emulatorsDir, Path logDir) {
        return new EmulatorOptions(emulatorsDir, logDir, null, EnumSet.allOf(Emulator.class), Duration.ofSeconds(30), false);
    }

    /** The same options with DynamoDB data kept in {@code dir} (null: in memory). */
    public EmulatorOptions withDataDir(@Nullable Path dir) {
        return new EmulatorOptions(emulatorsDir, logDir, dir, emulators, startTimeout, verbose);
    }

    /** The same options starting only the given emulators. */
    public EmulatorOptions only(Emulator first, Emulator... rest) {
        return new EmulatorOptions(emulatorsDir, logDir, dataDir, EnumSet.of(first, rest), startTimeout, verbose);
    }

    public EmulatorOptions withStartTimeout(Duration timeout) {
        return new EmulatorOptions(emulatorsDir, logDir, dataDir, emulators, timeout, verbose);
    }

    public EmulatorOptions withVerbose(boolean on) {
        return new EmulatorOptions(emulatorsDir, logDir, dataDir, emulators, startTimeout, on);
    }

    /** The emulators dir named by system property {@value #EMULATORS_DIR_PROPERTY} or env {@value #EMULATORS_DIR_ENV}. */
    public static Optional<Path> emulatorsDirFromEnvironment() {
        String dir = System.getProperty(EMULATORS_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(EMULATORS_DIR_ENV);
        }
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }
}
