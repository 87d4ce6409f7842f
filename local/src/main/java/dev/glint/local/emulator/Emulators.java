package dev.glint.local.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The local stack's AWS emulators as node child processes on free loopback ports.
 * {@link #close()} (or a JVM shutdown, e.g. Ctrl-C) stops every process tree.
 */
public final class Emulators implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 3;
    /** GetAccount of aws-ses-v2-local answers with this JSON (its schema is strict; every field is required). */
    static final String SES_ACCOUNT_JSON = """
            {"DedicatedIpAutoWarmupEnabled":false,\
            "Details":{"AdditionalContactEmailAddresses":[],"ContactLanguage":"EN","MailType":"TRANSACTIONAL",\
            "ReviewDetails":{"CaseId":"local","Status":"GRANTED"},"UseCaseDescription":"Glint local stack",\
            "WebsiteURL":"http://localhost"},\
            "EnforcementStatus":"HEALTHY","ProductionAccessEnabled":true,"SendingEnabled":true,\
            "SendQuota":{"Max24HourSend":50000,"MaxSendRate":14,"SentLast24Hours":0},\
            "SuppressionAttributes":{"SuppressedReasons":["BOUNCE","COMPLAINT"]}}""";

    private final Map<Emulator, EmulatorProcess> running = Collections.synchronizedMap(new EnumMap<>(Emulator.class));
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stopAll, "glint-emulators-shutdown");

    private Emulators() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the chosen emulators side by side and returns once each answers HTTP.
     *
     * @throws EmulatorStartException if node or the npm packages are missing, or an emulator dies or does not answer in time
     */
    public static Emulators start(EmulatorOptions options) {
        Path emulatorsDir = options.emulatorsDir().toAbsolutePath().normalize();
        checkInstalled(emulatorsDir, options);
        Path node = findNode();
        try {
            Files.createDirectories(options.logDir());
            if (options.dataDir() != null) {
                Files.createDirectories(options.dataDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Emulators emulators = new Emulators();
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(PROBE_TIMEOUT)
                .build()) {
            // Launch all first so their start-up overlaps, then wait for each.
            for (Emulator emulator : options.emulators()) {
                emulators.running.put(emulator, launch(emulator, node, emulatorsDir, options));
            }
            for (Emulator emulator : options.emulators()) {
                emulators.awaitReady(emulator, http, node, emulatorsDir, options);
            }
            return emulators;
        } catch (RuntimeException | Error e) {
            emulators.close();
            throw e;
        }
    }

    /** DynamoDB endpoint (dynalite). */
    public URI dynamoEndpoint() {
        return endpoint(Emulator.DYNALITE);
    }

    /** SQS endpoint (fauxqs); SNS and S3 share it. */
    public URI sqsEndpoint() {
        return endpoint(Emulator.FAUXQS);
    }

    /** SNS endpoint (fauxqs). */
    public URI snsEndpoint() {
        return endpoint(Emulator.FAUXQS);
    }

    /** S3 endpoint (fauxqs); use path-style access. */
    public URI s3Endpoint() {
        return endpoint(Emulator.FAUXQS);
    }

    /** SES v2 endpoint (aws-ses-v2-local); its sent mail is at {@code GET /store}, its web inbox at {@code /}. */
    public URI sesEndpoint() {
        return endpoint(Emulator.SES);
    }

    /** The base URI of a running emulator. */
    public URI endpoint(Emulator emulator) {
        EmulatorProcess process = running.get(emulator);
        if (process == null) {
            throw new IllegalStateException(emulator + " was not started");
        }
        return URI.create("http://" + LOOPBACK + ":" + process.port());
    }

    /** The node process of an emulator that was started. */
    public Optional<ProcessHandle> process(Emulator emulator) {
        return Optional.ofNullable(running.get(emulator)).map(p -> p.process().toHandle());
    }

    /** The node processes of all started emulators. */
    public List<ProcessHandle> processes() {
        synchronized (running) {
            return running.values().stream().map(p -> p.process().toHandle()).toList();
        }
    }

    /** Stops every emulator process tree: SIGTERM, then SIGKILL for what is left after a grace period. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the same processes
        }
    }

    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> handles = new ArrayList<>();
        synchronized (running) {
            for (EmulatorProcess p : running.values()) {
                ProcessHandle root = p.process().toHandle();
                // Children first, so none is re-parented and left behind when the root goes.
                root.descendants().forEach(handles::add);
                handles.add(root);
            }
        }
        handles.forEach(ProcessHandle::destroy);
        if (!awaitExit(handles, STOP_GRACE)) {
            handles.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(handles, KILL_GRACE);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Emulator emulator, HttpClient http, Path node, Path emulatorsDir, EmulatorOptions options) {
        for (int attempt = 1; ; attempt++) {
            EmulatorProcess process = running.get(emulator);
            long deadline = System.nanoTime() + options.startTimeout().toNanos();
            URI health = endpoint(emulator).resolve(emulator.healthPath());
            HttpRequest probe = HttpRequest.newBuilder(health).timeout(PROBE_TIMEOUT).GET().build();
            while (true) {
                if (!process.process().isAlive()) {
                    String tail = process.logTail();
                    // The free port we picked can be taken before the child binds it; pick another.
                    if (tail.contains("EADDRINUSE") && attempt < PORT_ATTEMPTS) {
                        running.put(emulator, launch(emulator, node, emulatorsDir, options));
                        break;
                    }
                    throw new EmulatorStartException(emulator + " exited with code " + process.process().exitValue()
                            + " while starting; end of " + process.logFile() + ":" + System.lineSeparator() + tail);
                }
                if (answers(http, probe)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new EmulatorStartException(emulator + " did not answer " + health + " within "
                            + options.startTimeout().toMillis() + " ms; end of " + process.logFile() + ":"
                            + System.lineSeparator() + process.logTail());
                }
                try {
                    Thread.sleep(POLL_INTERVAL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmulatorStartException("interrupted while waiting for " + emulator, e);
                }
            }
        }
    }

    private static boolean answers(HttpClient http, HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorStartException("interrupted while probing " + probe.uri(), e);
        }
    }

    private static EmulatorProcess launch(Emulator emulator, Path node, Path emulatorsDir, EmulatorOptions options) {
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(node.toString(), emulatorsDir.resolve(emulator.script()).toString()));
        switch (emulator) {
            case DYNALITE -> {
                command.addAll(List.of("--host", LOOPBACK, "--port", Integer.toString(port),
                        "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
                if (options.dataDir() != null) {
                    command.addAll(List.of("--path", options.dataDir().toAbsolutePath().toString()));
                }
                if (options.verbose()) {
                    command.add("--verbose");
                }
            }
            case FAUXQS -> command.add(Integer.toString(port));
            case SES -> command.addAll(List.of("--host", LOOPBACK, "--port", Integer.toString(port)));
        }
        Path logFile = options.logDir().resolve(emulator.logFileName()).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(emulatorsDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        switch (emulator) {
            case DYNALITE -> { }
            case FAUXQS -> env.put("FAUXQS_LOGGER", Boolean.toString(options.verbose()));
            case SES -> {
                env.put("AWS_SES_ACCOUNT", SES_ACCOUNT_JSON);
                env.remove("SMTP_TRANSPORT"); // would forward every stored mail to a real SMTP server
            }
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new EmulatorProcess(emulator, process, port, logFile);
        } catch (IOException e) {
            throw new EmulatorStartException("could not run " + String.join(" ", command), e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    private static void checkInstalled(Path emulatorsDir, EmulatorOptions options) {
        if (!Files.isDirectory(emulatorsDir.resolve("node_modules"))) {
            throw new EmulatorStartException("emulator packages are not installed: " + emulatorsDir.resolve("node_modules")
                    + " is missing; run `npm ci` in local/emulators (" + emulatorsDir + ")");
        }
        for (Emulator emulator : options.emulators()) {
            Path script = emulatorsDir.resolve(emulator.script());
            if (!Files.isRegularFile(script)) {
                throw new EmulatorStartException(emulator + " is not installed: " + script
                        + " is missing; run `npm ci` in local/emulators (" + emulatorsDir + ")");
            }
        }
        if (options.emulators().contains(Emulator.FAUXQS)
                && !Files.isDirectory(emulatorsDir.resolve(Path.of("node_modules", "fauxqs")))) {
            throw new EmulatorStartException("fauxqs is not installed in " + emulatorsDir.resolve("node_modules")
                    + "; run `npm ci` in local/emulators (" + emulatorsDir + ")");
        }
    }

    /** The {@code node} executable on PATH. */
    static Path findNode() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("node.exe", "node.cmd") : List.of("node");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new EmulatorStartException(
                        "`node` not found on PATH; the local emulators need Node.js 20 or newer"));
    }
}
