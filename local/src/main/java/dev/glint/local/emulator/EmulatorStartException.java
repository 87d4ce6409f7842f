package dev.glint.local.emulator;

/** An emulator could not be started: node or the npm packages are missing, or a process died or never answered. */
public final class EmulatorStartException extends RuntimeException {
    public EmulatorStartException(String message) {
        super(message);
    }

    public EmulatorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
