package workbook.framing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The "remote command" server: each frame a client sends is a command line, and each answer is one
 * frame holding that command's whole output (see {@link Commands}; nothing runs outside the sandbox).
 *
 * <pre>
 *   client: 00 00 00 0c "cat poem.txt"
 *   server: 00 00 01 0a (266 bytes of poem.txt)
 * </pre>
 * Outputs run from 0 bytes to 1 MiB, far more than one read returns, which is what makes a
 * reply without a length leak into the next one. With a length in front, a client knows
 * exactly where each reply ends, however TCP cuts or glues the bytes on the way.
 *
 * <p>One client at a time, as in lesson 01 (lesson 05 serves many at once). Methods for the
 * caller: {@link #bind}, {@link #port}, {@link #serveForever}, {@link #close}.
 */
public final class CommandServer implements Closeable {

    /** The longest command line accepted, in bytes: a longer frame is refused unread. */
    public static final int MAX_COMMAND_LENGTH = 4096;
    private static final int BACKLOG = 5;
    /** The most a refused client's leftover bytes are read (and thrown away) before hanging up. */
    private static final long MAX_DISCARD = 1 << 20;
    private static final int DEFAULT_PORT = 8080;
    /** How long a client may stay silent between two commands before the server hangs up on it. */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(60);
    /** How long a command frame may take to arrive whole, from its first byte. */
    public static final Duration DEFAULT_FRAME_LIMIT = Duration.ofSeconds(10);

    private final ServerSocket listener;
    private final Duration idleLimit;
    private final Duration frameLimit;
    private final Commands commands = new Commands();
    /** The client being served, so that close() can end that conversation too. */
    private volatile Socket current;

    private CommandServer(ServerSocket listener, Duration idleLimit, Duration frameLimit) {
        this.listener = listener;
        this.idleLimit = idleLimit;
        this.frameLimit = frameLimit;
    }

    /** Opens a listening socket on the given address; port 0 lets the operating system pick a free port. */
    public static CommandServer bind(InetSocketAddress address) throws IOException {
        return bind(address, DEFAULT_IDLE_LIMIT, DEFAULT_FRAME_LIMIT);
    }

    /**
     * Like {@link #bind(InetSocketAddress)}, with the time limits that keep one slow client from holding
     * the server (see {@link TimeLimits}).
     */
    public static CommandServer bind(InetSocketAddress address, Duration idleLimit, Duration frameLimit)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, BACKLOG);
        return new CommandServer(listener, idleLimit, frameLimit);
    }

    /** The port the server listens on: the real one, even if it was asked for port 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The connection loop: one client after another, until the server is closed. */
    public void serveForever() throws IOException {
        while (true) {
            Socket client = acceptOrNull(); // null once closed
            if (client == null) {
                return;
            }
            String ending = "hung up";
            try (client) {
                current = client;
                if (listener.isClosed()) {
                    return; // close() ran before current was set
                }
                log(client, "connected");
                TimeLimits limits = new TimeLimits(client, idleLimit, frameLimit);
                try {
                    converse(limits.input(), limits.output());
                } catch (FrameTooLongException e) {
                    hangUpPolitely(client, limits.input());
                    throw e;
                }
            } catch (IOException e) {
                // A reset, a bad frame or a client too slow ends
                // this conversation, not the server.
                ending = "dropped (" + e + ")";
            } finally {
                current = null;
            }
            log(client, ending);
        }
    }

    /**
     * The communication loop for one client: read a command frame, run it, write its output as one frame,
     * until the client hangs up between two commands.
     */
    // tag::converse[]
    void converse(InputStream in, OutputStream out) throws IOException {
        FrameReader requests = new FrameReader(in, MAX_COMMAND_LENGTH);
        FrameWriter replies = new FrameWriter(out);
        try {
            // tag::serve-loop[]
            while (true) {
                Optional<byte[]> request = requests.readFrame();
                if (request.isEmpty()) {
                    return; // hung up between two commands
                }
                String command = utf8(request.get());
                replies.writeFrame(commands.run(command));
            }
            // end::serve-loop[]
        } catch (FrameTooLongException e) {
            // Say why, then hang up: where the next frame
            // starts is unknown once one is skipped unread.
            replies.writeFrame(("error: " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            throw e;
        }
    }
    // end::converse[]

    /**
     * Ends a conversation after an error frame so that the client still reads it: closing a socket
     * whose unread input is not empty sends a reset, and a reset can destroy the error frame in the
     * client's buffer before it reads it. So: send FIN after the frame, then read and discard what
     * the client still sends (at most 1 MiB, within the frame's time limit), then close.
     */
    private static void hangUpPolitely(Socket client, InputStream in) {
        try {
            client.shutdownOutput();
            in.skip(MAX_DISCARD);
        } catch (IOException ignored) {
            // too slow, or reset: we tried; close() follows
        }
    }

    /** Waits for the next client; returns null if the server was closed meanwhile. */
    private Socket acceptOrNull() throws IOException {
        try {
            return listener.accept();
        } catch (SocketException e) {
            if (listener.isClosed()) {
                return null; // close() was called: a normal end
            }
            throw e;
        }
    }

    /** Stops listening and ends the current conversation, so that {@link #serveForever} returns. */
    @Override
    public void close() throws IOException {
        listener.close();
        Socket client = current;
        if (client != null) {
            client.close();
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void log(Socket client, String event) {
        System.out.println("[server] " + client.getRemoteSocketAddress() + " " + event);
    }

    /**
     * Runs the server until Ctrl-C.
     *
     * @param args optional: a port (default 8080), then an address to bind (default 127.0.0.1)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        InetAddress host = args.length > 1 ? InetAddress.getByName(args[1]) : InetAddress.getLoopbackAddress();
        CommandServer server;
        try {
            server = bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            System.err.println("Cannot listen on " + host.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("CommandServer listening on " + host.getHostAddress() + ":" + server.port()
                + " (Ctrl-C to stop). Its commands run in a sandbox: try help.");
        // Ctrl-C ends the process; the operating system then closes its sockets.
        server.serveForever();
    }
}
