package workbook.tcp;

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
import java.time.Duration;

/**
 * An upper-case echo server: whatever a client sends comes back with its ASCII letters upper-cased.
 *
 * <p>It works like a telephone with one operator: it takes one call (a connection), talks until
 * the caller hangs up, then takes the next call. That is two loops, one inside the other:
 * <pre>
 *   connection loop     accept() ─▶ talk with that client ─▶ close ─▶ accept() ─▶ ...
 *   communication loop  read() ─▶ upper-case ─▶ write() ─▶ read() ─▶ ... until read() returns -1
 * </pre>
 * Methods for the caller: {@link #bind}, {@link #port}, {@link #serveForever}, {@link #close}.
 * Run it by hand with {@link #main}; it binds the loopback interface unless told otherwise, so
 * nothing outside this machine can reach it.
 */
public final class UpperServer implements Closeable {

    /** How many connections the operating system may queue while the server is busy with one client. */
    private static final int BACKLOG = 5;
    private static final int DEFAULT_PORT = 8080;
    /**
     * How long a client may stay silent before the server hangs up on it. The server talks with
     * one client at a time, so a client that connects and says nothing would otherwise keep
     * everyone else waiting for as long as it likes.
     */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(60);

    private final ServerSocket listener;
    private final int idleLimitMillis;
    /** The client being served, so that close() can end that conversation too. */
    private volatile Socket current;

    private UpperServer(ServerSocket listener, Duration idleLimit) {
        this.listener = listener;
        this.idleLimitMillis = Math.toIntExact(idleLimit.toMillis());
    }

    /**
     * Opens a listening socket on the given address; port 0 lets the operating system pick a free port.
     *
     * @throws BindException if the port is taken (is another server still running?)
     */
    public static UpperServer bind(InetSocketAddress address) throws IOException {
        return bind(address, DEFAULT_IDLE_LIMIT);
    }

    /** Like {@link #bind(InetSocketAddress)}, with a client's longest silence before the server hangs up. */
    // tag::bind[]
    public static UpperServer bind(InetSocketAddress address,
            Duration idleLimit) throws IOException {
        ServerSocket listener = new ServerSocket();
        // SO_REUSEADDR: bind again at once after a restart,
        // even while old connections linger in TIME_WAIT.
        listener.setReuseAddress(true);
        listener.bind(address, BACKLOG);
        return new UpperServer(listener, idleLimit);
    }
    // end::bind[]

    /** The port the server listens on: the real one, even if it was asked for port 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /**
     * The connection loop: accepts one client, talks with it until it leaves, then accepts the next.
     * A client that leaves, politely or not, ends only its own conversation. Returns when the
     * server is closed.
     */
    public void serveForever() throws IOException {
        // tag::connection-loop[]
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
                converse(client);
            } catch (IOException e) {
                // A reset, or a client silent for too long, ends
                // this conversation, not the server.
                ending = "left abruptly (" + e + ")";
            } finally {
                current = null;
            }
            log(client, ending);
        }
        // end::connection-loop[]
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

    /**
     * The communication loop: reads whatever arrived, sends it back upper-cased, until the client hangs up.
     *
     * <p>It works on bytes, never on text: a read may stop in the middle of a character.
     */
    private void converse(Socket client) throws IOException {
        log(client, "connected");
        // A read that waits longer than this throws
        // SocketTimeoutException: the client is dropped.
        client.setSoTimeout(idleLimitMillis);
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[1024];
        // tag::communication-loop[]
        while (true) {
            int n = in.read(buffer);
            if (n == -1) {
                break; // the client hung up (it sent FIN)
            }
            AsciiUpper.upperCaseInPlace(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        // end::communication-loop[]
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

    private static void log(Socket client, String event) {
        System.out.println("[server] " + client.getRemoteSocketAddress() + " " + event);
    }

    /**
     * Runs the server until Ctrl-C.
     *
     * @param args optional: a port (default 8080), then an address to bind (default 127.0.0.1; 0.0.0.0
     *             accepts clients from other machines too)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        InetAddress host = args.length > 1 ? InetAddress.getByName(args[1]) : InetAddress.getLoopbackAddress();
        UpperServer server;
        try {
            server = bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            System.err.println("Cannot listen on " + host.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("UpperServer listening on " + host.getHostAddress() + ":" + server.port()
                + " (Ctrl-C to stop)");
        // Ctrl-C ends the process; the operating system then closes its sockets.
        server.serveForever();
    }
}
