package dev.glint.local.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives mail over SMTP on 127.0.0.1 and hands each accepted message to a {@link MessageSink},
 * so that any mail client, {@code swaks} or {@code curl --mail-rcpt} can feed the local runner.
 *
 * <p>A subset of RFC 5321 with the ESMTP extensions SIZE, 8BITMIME, SMTPUTF8, PIPELINING and
 * ENHANCEDSTATUSCODES. There is no AUTH and no STARTTLS: the server listens on the loopback
 * interface only, so neither the wire nor the client needs protecting. Each session runs on its
 * own virtual thread; a message is held in memory up to {@link SmtpOptions#maxMessageBytes()}.
 */
public final class LocalSmtpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalSmtpServer.class.getName());
    private static final int BACKLOG = 50;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ServerSocket serverSocket;
    private final SmtpOptions options;
    private final RecipientPolicy policy;
    private final MessageSink sink;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final String queueIdPrefix =
            String.format("%06X", ThreadLocalRandom.current().nextInt(0x100_0000));
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean closed;

    private LocalSmtpServer(ServerSocket serverSocket, SmtpOptions options, RecipientPolicy policy,
            MessageSink sink) {
        this.serverSocket = serverSocket;
        this.options = options;
        this.policy = policy;
        this.sink = sink;
    }

    /** Binds 127.0.0.1:{@code options.port()} (0 picks a free port) and starts accepting sessions. */
    public static LocalSmtpServer start(SmtpOptions options, RecipientPolicy policy, MessageSink sink)
            throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    options.port()), BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        LocalSmtpServer server = new LocalSmtpServer(serverSocket, options, policy, sink);
        server.executor.execute(server::acceptLoop);
        return server;
    }

    /** The port actually bound, useful when the options asked for 0. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed && !serverSocket.isClosed()) {
                    LOG.log(Level.WARNING, "SMTP accept failed", e);
                    continue;
                }
                return;
            }
            try {
                SmtpSession session = new SmtpSession(socket, options, policy, sink, this::nextQueueId);
                sessions.add(session);
                if (closed) { // close() may have swept the sessions just before this one was added
                    session.abort();
                    sessions.remove(session);
                    return;
                }
                executor.execute(() -> {
                    try {
                        session.run();
                    } finally {
                        sessions.remove(session);
                    }
                });
            } catch (IOException | RejectedExecutionException e) {
                LOG.log(Level.FINE, "SMTP session not started: {0}", e.toString());
                closeQuietly(socket);
            }
        }
    }

    private String nextQueueId() {
        return queueIdPrefix + String.format("%08X", queued.incrementAndGet());
    }

    /**
     * Stops accepting, drops every open session (clients see the connection close; a message
     * not yet answered 250 was not accepted) and waits briefly for the session threads to end.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        sessions.forEach(SmtpSession::abort);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning("SMTP sessions still running after close (a sink did not return)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort here
        }
    }
}
