package dev.glint.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time spent during a run, split by who spent it: this JVM (servers, handlers, worker),
 * its emulator child processes, wrk, the kernel's interrupt handling (on loopback, mostly the
 * TCP receive path, which Linux charges to no process), and everything else. Reads Linux's
 * {@code /proc}; elsewhere there is no reading. With every process on the same few cores, the
 * "other" share tells whether something outside the bench disturbed the figures.
 */
final class CpuMeter {
    /** Linux's USER_HZ, the unit of /proc CPU times, is 100 on every mainstream architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** Cumulative CPU times at one instant. */
    record Snapshot(long nanoTime, long jvm, long emulators, long reapedChildren, long interrupts, long machineBusy) {}

    /**
     * CPU used between two snapshots, in nanoseconds of CPU time.
     *
     * @param wrk CPU of the child processes reaped in between: the wrk process of the run
     * @param interrupts the kernel's hard and soft interrupt time, machine-wide
     * @param other machine CPU that none of the above used
     */
    record Usage(Duration wall, long jvm, long emulators, long wrk, long interrupts, long other) {
        /** Nanoseconds of CPU per request. */
        double perRequest(long cpu, long requests) {
            return requests == 0 ? 0 : (double) cpu / requests;
        }

        /** Cores' worth of CPU used by something outside the bench, on average. */
        double otherCores() {
            return (double) other / wall.toNanos();
        }
    }

    private CpuMeter() {}

    static Optional<Snapshot> now() {
        try {
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            // Fields after the name: state is [0], so utime/stime/cutime/cstime are [11]..[14].
            long jvm = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
            long reaped = (Long.parseLong(f[13]) + Long.parseLong(f[14])) * NANOS_PER_TICK;
            long emulators = ProcessHandle.current().children()
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user .. steal; guest time is inside user
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            long interrupts = Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]); // irq + softirq
            return Optional.of(new Snapshot(System.nanoTime(), jvm, emulators, reaped,
                    interrupts * NANOS_PER_TICK, (total - idle) * NANOS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Usage> between(Optional<Snapshot> before, Optional<Snapshot> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        Snapshot a = before.get();
        Snapshot b = after.get();
        long jvm = b.jvm() - a.jvm();
        long emulators = Math.max(0, b.emulators() - a.emulators());
        long wrk = b.reapedChildren() - a.reapedChildren();
        long interrupts = b.interrupts() - a.interrupts();
        long other = Math.max(0, b.machineBusy() - a.machineBusy() - jvm - emulators - wrk - interrupts);
        return Optional.of(new Usage(Duration.ofNanos(b.nanoTime() - a.nanoTime()), jvm, emulators, wrk, interrupts,
                other));
    }
}
