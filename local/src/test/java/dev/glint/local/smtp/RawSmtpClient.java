package dev.glint.local.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A client that writes exactly the bytes a test gives it and reads whole SMTP replies. */
final class RawSmtpClient implements AutoCloseable {
    /** A safety net so a broken server fails the test instead of hanging it; never a synchronisation. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and returns the client with the greeting already read. */
    static RawSmtpClient connect(int port) throws IOException {
        RawSmtpClient client = connectWithoutGreeting(port);
        String greeting = client.reply();
        if (!greeting.startsWith("220 ")) {
            throw new IllegalStateException("unexpected greeting: " + greeting);
        }
        return client;
    }

    static RawSmtpClient connectWithoutGreeting(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new RawSmtpClient(socket);
    }

    /** Connects, greets with EHLO and returns the client ready for MAIL. */
    static RawSmtpClient ready(int port) throws IOException {
        RawSmtpClient client = connect(port);
        String ehlo = client.command("EHLO client.test");
        if (!ehlo.startsWith("250")) {
            throw new IllegalStateException("EHLO refused: " + ehlo);
        }
        return client;
    }

    /** Sends one command line (CRLF added) and returns the whole reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one reply; the lines of a multi-line reply are joined with "\n". */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("connection closed; reply so far: " + reply);
            }
            if (!reply.isEmpty()) {
                reply.append('\n');
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    /** True once the server has closed the connection (end of stream or reset), with nothing more said. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
