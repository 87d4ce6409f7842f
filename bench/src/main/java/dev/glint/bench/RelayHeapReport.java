package dev.glint.bench;

import dev.glint.mime.HeaderEditor;
import dev.glint.mime.MessageBytes;
import dev.glint.mime.TrackedMessage;
import dev.glint.relay.CopyHeaders;
import dev.glint.relay.TrackingAddresses;
import dev.glint.send.SesMailSender;
import dev.glint.token.KeyRing;
import dev.glint.token.TokenSealer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Heap used while relaying a large message to 20 recipients, run in a fresh JVM with a small
 * {@code -Xmx} (bench/relay-heap.sh). The message is written to a temp file and mapped, as the
 * inbound Lambda does, then prepared once and copied 20 times, one copy at a time: with
 * {@code writeCopy} to a discarding stream, and with {@code copy} (a byte[] per copy, what the
 * relay hands to SES today), and with that byte[] passed to {@code SesMailSender.sendRaw} over a
 * stub HTTP client (the SDK's own copies of a raw message).
 *
 * <p>Usage: {@code RelayHeapReport [--write FILE] [--file FILE] [--only writeCopy|copy|ses] [--mb 25]}.
 * {@code --only} runs one mode quietly and exits 0, or 3 on OutOfMemoryError (for a smallest-heap search).
 */
public final class RelayHeapReport {
    private static final long MIB = 1024 * 1024;
    /** Built once, like the Lambda's client, so that it is not counted as retained by the message. */
    private static final SesMailSender SES = new SesMailSender(StubSes.client(new StubSes()), Optional.empty());
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RelayHeapReport() {}

    public static void main(String[] args) throws IOException {
        Path write = null;
        Path file = null;
        String only = null;
        long megabytes = 25;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--write" -> write = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--mb" -> megabytes = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long size = megabytes * 1_000_000;
        if (write != null) {
            writeMessage(write, size);
            return;
        }
        boolean temporary = file == null;
        if (temporary) {
            file = Files.createTempFile("glint-relay-heap-", ".eml");
            writeMessage(file, size);
        }
        try {
            if (only != null) {
                System.exit(runQuietly(file, only));
            }
            report(file);
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void writeMessage(Path file, long size) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            RelayMails.write(out, RelayBenchmark.SEED, RelayMails.newsletterHtml(RelayBenchmark.SEED, 60_000), size);
        }
    }

    private static int runQuietly(Path file, String mode) throws IOException {
        try {
            Relay relay = new Relay(MessageBytes.map(file));
            relay.run(Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
            return 0;
        } catch (OutOfMemoryError e) {
            return 3;
        }
    }

    private static void report(Path file) throws IOException {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long fileBytes = Files.size(file);
        System.out.printf(Locale.ROOT, "message: %,d bytes (%.1f MiB) in a mapped temp file; max heap %.0f MiB; GC %s%n",
                fileBytes, fileBytes / (double) MIB, maxHeap / (double) MIB, gcNames());
        MessageBytes bytes = MessageBytes.map(file);
        long base = liveHeap();
        System.out.printf(Locale.ROOT, "live heap before prepare (after GC): %s%n", mib(base));

        new Relay(bytes); // the first prepare also initialises jsoup, the SDK client and the regexes
        base = liveHeap();
        Peak.reset();
        long allocated = allocated();
        Relay relay = new Relay(bytes);
        long prepareAllocated = allocated() - allocated;
        Peak prepare = Peak.read();
        long retained = liveHeap() - base;
        System.out.printf(Locale.ROOT, "prepare (second time): allocated %s, peak heap %s, retained by TrackedMessage %s%n",
                mib(prepareAllocated), mib(prepare.total() - base), mib(retained));
        base = liveHeap();

        for (Mode mode : Mode.values()) {
            String name = switch (mode) {
                case WRITECOPY -> "writeCopy (to a discarding stream)";
                case COPY -> "copy (byte[] per recipient)";
                case SES -> "copy + SesMailSender.sendRaw (stub HTTP)";
            };
            liveHeap();
            Peak.reset();
            long before = allocated();
            long written = relay.run(mode);
            long perCopy = (allocated() - before) / RelayMails.RECIPIENTS;
            Peak peak = Peak.read();
            System.out.printf(Locale.ROOT, "%s: %d copies of %s; allocated per copy %s (%.2f × the message);"
                            + " peak heap above the prepared message %s (%.2f × the message), of which old gen %s%n",
                    name, RelayMails.RECIPIENTS, mib(written / RelayMails.RECIPIENTS), mib(perCopy),
                    perCopy / (double) fileBytes, mib(peak.total() - base), (peak.total() - base) / (double) fileBytes,
                    mib(peak.old()));
        }
        System.out.println("Peak = sum of the heap pools' peak usage since a reset after a full GC: live data plus"
                + " garbage not yet collected. The smallest -Xmx that completes (bench/relay-heap.sh) is the bound on live data.");
    }

    /** writeCopy to a discarding stream; copy to a byte[]; copy handed to the SES adapter as the relay does. */
    private enum Mode { WRITECOPY, COPY, SES }

    /** One prepared message and the per-recipient loop of InboundRelay.relay without DynamoDB. */
    private static final class Relay {
        private final TrackedMessage message;
        private final HeaderEditor headers = CopyHeaders.editor(new TrackingAddresses(RelayMails.TRACKING_DOMAIN), null);
        private final TokenSealer sealer = new TokenSealer(KeyRing.generate());

        Relay(MessageBytes bytes) {
            message = TrackedMessage.prepare(bytes);
        }


        /** Makes the 20 copies one at a time; returns the bytes produced. */
        long run(Mode mode) throws IOException {
            long written = 0;
            byte[] copy = null; // as in the relay: the previous copy is referenced until the next one is made
            Discard sink = new Discard();
            for (int r = 0; r < RelayMails.RECIPIENTS; r++) {
                if (mode == Mode.WRITECOPY) {
                    message.writeCopy(sink, headers, RelayBenchmark.urls(sealer, r), true, true);
                    continue;
                }
                copy = message.copy(headers, RelayBenchmark.urls(sealer, r), true, true);
                written += copy.length;
                if (mode == Mode.SES) {
                    SES.sendRaw("newsletter@sender.example", "reader" + r + "@customer0.example", copy);
                }
            }
            return mode == Mode.WRITECOPY ? sink.count : written;
        }
    }

    /** Counts the bytes and keeps none. */
    private static final class Discard extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Peak usage of the heap pools since {@link #reset}: all pools together, and the old generation's. */
    private record Peak(long total, long old) {
        static void reset() {
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        static Peak read() {
            long total = 0;
            long old = 0;
            for (MemoryPoolMXBean pool : heapPools()) {
                long used = pool.getPeakUsage().getUsed();
                total += used;
                if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                    old += used;
                }
            }
            return new Peak(total, old);
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** Heap in use after a full GC: the live data (System.gc is a full collection with G1 and Serial). */
    private static long liveHeap() {
        System.gc();
        System.gc();
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    private static String gcNames() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }
}
