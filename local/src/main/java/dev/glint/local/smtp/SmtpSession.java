package dev.glint.local.smtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/** One client connection: reads commands, keeps the transaction state, answers each command. */
final class SmtpSession implements Runnable {
    private static final Logger LOG = Logger.getLogger(SmtpSession.class.getName());
    static final String HOST = "localhost";
    /** The brief's limit for a command line, ending included (RFC 5321 allows servers more than 512). */
    static final int MAX_COMMAND_OCTETS = 1000;
    private static final int MAX_REASON_CHARS = 200;
    private static final int MAX_DISCARD_OCTETS = 64 * 1024;
    private static final Set<String> NOT_IMPLEMENTED =
            Set.of("EXPN", "TURN", "ETRN", "ATRN", "BDAT", "STARTTLS", "AUTH");
    /** A web page can make a browser send a request to a local port; its body must not become mail. */
    private static final Set<String> HTTP_METHODS =
            Set.of("GET", "POST", "PUT", "HEAD", "OPTIONS", "DELETE", "PATCH", "CONNECT", "TRACE");

    private final Socket socket;
    private final SmtpOptions options;
    private final RecipientPolicy policy;
    private final MessageSink sink;
    private final Supplier<String> queueIds;
    private final SmtpInput in;
    private final OutputStream out;

    private boolean greeted;
    /** The reverse path of the open transaction ("" for the null sender), null when none is open. */
    private @Nullable String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();
    private boolean quit;

    SmtpSession(Socket socket, SmtpOptions options, RecipientPolicy policy, MessageSink sink,
            Supplier<String> queueIds) throws IOException {
        this.socket = socket;
        this.options = options;
        this.policy = policy;
        this.sink = sink;
        this.queueIds = queueIds;
        this.in = new SmtpInput(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 4096);
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) options.idleTimeout().toMillis());
            reply("220 " + HOST + " ESMTP Glint local SMTP server");
            serve();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "SMTP session ended: {0}", e.toString()); // the client left or the server closed
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "SMTP session failed", e);
            tryReply("421 4.3.0 " + HOST + " Internal error, closing connection");
        }
    }

    /** Asks the session to end at once; a blocked read or write fails and {@link #run} returns. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void serve() throws IOException {
        try {
            while (!quit) {
                if (!in.hasPending()) {
                    out.flush(); // answers to pipelined commands leave together, once the batch is read
                }
                SmtpInput.CommandLine line = in.readCommand(MAX_COMMAND_OCTETS);
                if (line == null) {
                    return;
                }
                command(line);
            }
        } catch (SocketTimeoutException idle) {
            reply("421 4.4.2 " + HOST + " Idle timeout, closing connection");
        } finally {
            if (!socket.isClosed()) {
                out.flush();
            }
        }
    }

    private void command(SmtpInput.CommandLine line) throws IOException {
        if (line.tooLong()) {
            reply("500 5.5.2 Line too long");
            return;
        }
        String text = line.text();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1);
        switch (verb) {
            case "EHLO" -> ehlo(argument);
            case "HELO" -> helo(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument);
            case "RSET" -> rset(argument);
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "VRFY" -> reply(argument.isBlank() ? "501 5.5.4 Syntax: VRFY address"
                    : "252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery");
            case "HELP" -> reply("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP");
            case "QUIT" -> {
                reply("221 2.0.0 Bye");
                in.discardPending(MAX_DISCARD_OCTETS);
                quit = true;
            }
            default -> {
                if (HTTP_METHODS.contains(verb)) {
                    reply("421 4.7.0 " + HOST + " This is an SMTP server, not HTTP; closing connection");
                    in.discardPending(MAX_DISCARD_OCTETS);
                    quit = true;
                } else if (NOT_IMPLEMENTED.contains(verb)) {
                    reply("502 5.5.1 Command not implemented");
                } else {
                    reply("500 5.5.2 Command not recognized");
                }
            }
        }
    }

    private void ehlo(String argument) throws IOException {
        if (argument.isBlank()) {
            reply("501 5.5.4 Syntax: EHLO hostname");
            return;
        }
        greeted = true;
        resetTransaction(); // RFC 5321 section 4.1.4: EHLO implies RSET
        reply("250-" + HOST + "\r\n"
                + "250-SIZE " + options.maxMessageBytes() + "\r\n"
                + "250-8BITMIME\r\n"
                + "250-SMTPUTF8\r\n"
                + "250-PIPELINING\r\n"
                + "250 ENHANCEDSTATUSCODES");
    }

    private void helo(String argument) throws IOException {
        if (argument.isBlank()) {
            reply("501 5.5.4 Syntax: HELO hostname");
            return;
        }
        greeted = true;
        resetTransaction();
        reply("250 " + HOST);
    }

    private void mail(String argument) throws IOException {
        if (!greeted) {
            reply("503 5.5.1 Error: send HELO/EHLO first");
            return;
        }
        if (mailFrom != null) {
            reply("503 5.5.1 Error: nested MAIL command");
            return;
        }
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        Optional<SmtpPath> path = SmtpPath.parse(argument.substring(5));
        if (path.isEmpty() || !(path.get().address().isEmpty() || path.get().isMailbox())) {
            reply("501 5.1.7 Bad sender address syntax");
            return;
        }
        for (String parameter : path.get().parameters()) {
            Optional<String> refusal = mailParameter(parameter);
            if (refusal.isPresent()) {
                reply(refusal.get());
                return;
            }
        }
        mailFrom = path.get().address();
        reply("250 2.1.0 Ok");
    }

    /** Empty when the MAIL parameter is acceptable, else the reply refusing it. */
    private Optional<String> mailParameter(String parameter) {
        int eq = parameter.indexOf('=');
        String keyword = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
        @Nullable String value = eq < 0 ? null : parameter.substring(eq + 1);
        return switch (keyword) {
            case "SIZE" -> {
                if (value == null || !value.matches("[0-9]{1,20}")) {
                    yield Optional.of("501 5.5.4 Bad SIZE parameter");
                }
                // more than 18 digits cannot fit a long, and is over any int limit anyway
                boolean tooLarge = value.length() > 18 || Long.parseLong(value) > options.maxMessageBytes();
                yield tooLarge ? Optional.of("552 5.3.4 Message size exceeds fixed maximum message size")
                        : Optional.empty();
            }
            case "BODY" -> value != null && (value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))
                    ? Optional.empty() : Optional.of("555 5.5.4 Unsupported BODY parameter");
            case "SMTPUTF8" -> value == null ? Optional.empty() : Optional.of("555 5.5.4 SMTPUTF8 takes no value");
            default -> Optional.of("555 5.5.4 Unsupported parameter");
        };
    }

    private void rcpt(String argument) throws IOException {
        String from = mailFrom;
        if (from == null) {
            reply("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            reply("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        Optional<SmtpPath> path = SmtpPath.parse(argument.substring(3));
        if (path.isEmpty() || !(path.get().isMailbox() || path.get().address().equalsIgnoreCase("postmaster"))) {
            reply("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (!path.get().parameters().isEmpty()) {
            reply("555 5.5.4 Unsupported parameter");
            return;
        }
        if (rcptTo.size() >= options.maxRecipients()) {
            reply("452 4.5.3 Error: too many recipients");
            return;
        }
        String address = path.get().address();
        Optional<String> rejection;
        try {
            rejection = policy.reject(from, address);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recipient policy failed", e);
            reply("451 4.3.0 Error: could not check the recipient, try again later");
            return;
        }
        if (rejection.isPresent()) {
            reply("550 5.7.1 " + printable(rejection.get()));
            return;
        }
        rcptTo.add(address);
        reply("250 2.1.5 Ok");
    }

    private void data(String argument) throws IOException {
        String from = mailFrom;
        if (!argument.isEmpty()) {
            reply("501 5.5.4 Syntax: DATA");
            return;
        }
        if (from == null) {
            reply("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (rcptTo.isEmpty()) {
            reply("554 5.5.1 Error: no valid recipients");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        if (!in.hasPending()) {
            out.flush();
        }
        SmtpInput.Data data = in.readData(options.maxMessageBytes());
        List<String> recipients = List.copyOf(rcptTo);
        resetTransaction(); // whatever happens next, this transaction is over
        byte[] message = data.bytes();
        if (message == null) {
            reply("552 5.3.4 Message size exceeds fixed maximum message size");
            return;
        }
        String queueId = queueIds.get();
        try {
            sink.deliver(from, recipients, message);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "message " + queueId + " (" + message.length + " bytes) was not delivered", e);
            reply("451 4.3.0 Error: local delivery failed, try again later");
            return;
        }
        reply("250 2.0.0 Ok: queued as " + queueId);
    }

    private void rset(String argument) throws IOException {
        if (!argument.isEmpty()) {
            reply("501 5.5.4 Syntax: RSET");
            return;
        }
        resetTransaction();
        reply("250 2.0.0 Ok");
    }

    private void resetTransaction() {
        mailFrom = null;
        rcptTo.clear();
    }

    /** Queues a reply (several lines joined by CRLF); it is sent at the next flush. */
    private void reply(String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void tryReply(String reply) {
        try {
            reply(reply);
            out.flush();
        } catch (IOException ignored) {
            // the connection is gone; nothing more to tell
        }
    }

    /** A policy's reason as one line of printable ASCII, so it cannot forge further replies. */
    private static String printable(String reason) {
        StringBuilder sb = new StringBuilder();
        reason.codePoints().limit(MAX_REASON_CHARS)
                .forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? (char) c : c < 0x20 ? ' ' : '?'));
        String line = sb.toString().strip();
        return line.isEmpty() ? "Recipient rejected" : line;
    }
}
