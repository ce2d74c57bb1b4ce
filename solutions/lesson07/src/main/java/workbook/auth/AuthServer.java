package workbook.auth;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An upper-case echo server that first asks every client to prove it knows the shared key
 * (see {@link Handshake} for the bytes), and only then talks lesson 01's conversation.
 *
 * <pre>
 *   accept ─▶ send a fresh nonce ─▶ read the answer (before the deadline)
 *          ─▶ wrong, or too many failures?  "DENIED: ..." and hang up
 *          ─▶ right?  "OK" + our own proof ─▶ lesson 01's echo until the client leaves
 * </pre>
 * Each client is served on its own virtual thread (lesson 05), so a client that stalls in the
 * handshake delays nobody else; the deadline then drops it. Methods for the caller:
 * {@link #bind}, {@link #port}, {@link #serveForever}, {@link #close}. It binds the loopback
 * interface unless told otherwise.
 */
public final class AuthServer implements Closeable {

    /** How long a client may take to answer the challenge. */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    private static final int BACKLOG = 50;
    private static final int DEFAULT_PORT = 8080;

    private final ServerSocket listener;
    private final byte[] key;
    private final Duration deadline;
    private final FailureLimit failures;
    /** Every open connection, so that close() can end them all. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private AuthServer(ServerSocket listener, byte[] key, Duration deadline, FailureLimit failures) {
        this.listener = listener;
        this.key = key.clone();
        this.deadline = deadline;
        this.failures = failures;
    }

    /** Listens on {@code address} with the default deadline (10 s) and failure limit (5 per address). */
    public static AuthServer bind(InetSocketAddress address, byte[] key) throws IOException {
        return bind(address, key, DEFAULT_DEADLINE, FailureLimit.defaults());
    }

    /**
     * Listens on {@code address}; port 0 lets the operating system pick a free port.
     *
     * @param deadline how long a client may take from connecting to a complete answer
     */
    static AuthServer bind(InetSocketAddress address, byte[] key, Duration deadline, FailureLimit failures)
            throws IOException {
        if (key.length < KeyFile.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a key needs at least " + KeyFile.MIN_KEY_BYTES + " bytes: " + key.length);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the handshake deadline must be positive: " + deadline);
        }
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, BACKLOG);
        return new AuthServer(listener, key, deadline, failures);
    }

    /** The port the server listens on: the real one, even if it was asked for port 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The connection loop: every client on a virtual thread of its own. Returns when the server is closed. */
    public void serveForever() throws IOException {
        while (true) {
            Socket client = acceptOrNull();
            if (client == null) {
                return;
            }
            open.add(client);
            Thread.ofVirtual().name("auth-client-" + client.getPort()).start(() -> serve(client));
        }
    }

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

    /** One client: the handshake, then (only if it succeeded) the conversation. */
    private void serve(Socket client) {
        try (client) {
            if (authenticate(client)) {
                converse(client);
            }
        } catch (IOException e) {
            log(client, "left: " + e.getMessage()); // ends this client only
        } finally {
            open.remove(client);
        }
    }

    /**
     * The server's side of the handshake. Returns true if the client proved it knows the key
     * (and we have sent our own proof); false after a refusal, which has been sent.
     */
    private boolean authenticate(Socket client) throws IOException {
        InetAddress who = client.getInetAddress();
        InputStream in = new DeadlineInputStream(client, deadline);
        OutputStream out = client.getOutputStream();
        byte[] nonce = Nonces.fresh();
        out.write(nonce);
        byte[] answer;
        try {
            answer = Handshake.readExactly(in, Handshake.PROOF_BYTES + Handshake.NONCE_BYTES, "the client's answer");
        } catch (SocketTimeoutException e) {
            refuse(client, "too slow, the handshake must be done within " + deadline.toMillis() + " ms");
            return false;
        }
        byte[] proof = Arrays.copyOfRange(answer, 0, Handshake.PROOF_BYTES);
        byte[] clientNonce = Arrays.copyOfRange(answer, Handshake.PROOF_BYTES, answer.length);
        if (failures.isLockedOut(who)) {
            refuse(client, "too many wrong answers from " + who.getHostAddress() + ", try again later");
            return false;
        }
        // tag::verdict[]
        boolean right = Handshake.proofMatches(
                Handshake.clientProof(key, nonce), proof);
        if (!right) {
            failures.recordFailure(who);
            refuse(client, "wrong answer to the challenge");
            return false;
        }
        // end::verdict[]
        failures.recordSuccess(who);
        client.setSoTimeout(0); // authenticated: the conversation has no deadline
        out.write(Handshake.concat((Handshake.OK + "\n").getBytes(StandardCharsets.US_ASCII),
                Handshake.serverProof(key, clientNonce)));
        log(client, "authenticated");
        return true;
    }

    /** Says why, in the protocol's words ("DENIED: reason"), and lets serve() hang up. */
    private static void refuse(Socket client, String reason) throws IOException {
        log(client, "refused: " + reason);
        client.getOutputStream().write((Handshake.DENIED + reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Lesson 01's communication loop, unchanged: read, upper-case a to z, write back, until the client hangs up. */
    private static void converse(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            int n = in.read(buffer);
            if (n == -1) {
                break; // the client hung up (it sent FIN)
            }
            AsciiUpper.upperCaseInPlace(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        log(client, "hung up");
    }

    /** Stops listening and ends every open connection, so that {@link #serveForever} returns. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket client : open) {
            client.close();
        }
    }

    private static void log(Socket client, String event) {
        System.out.println("[server] " + client.getRemoteSocketAddress() + " " + event);
    }

    /**
     * Reads from a socket until one fixed moment: before each read it sets the socket's timeout
     * to the time that is left, so a client that trickles one byte at a time cannot stretch the
     * handshake (a plain timeout would start again with every byte).
     */
    private static final class DeadlineInputStream extends FilterInputStream {
        private final Socket socket;
        private final long deadlineNanos;

        DeadlineInputStream(Socket socket, Duration patience) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadlineNanos = System.nanoTime() + patience.toNanos();
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }

        private void arm() throws IOException {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new SocketTimeoutException("the handshake deadline has passed");
            }
            socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
        }
    }

    /**
     * Runs the server until Ctrl-C, with the key from {@link KeyFile#location} (made on first run).
     *
     * @param args optional: a port (default 8080), then an address to bind (default 127.0.0.1)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        InetAddress host = args.length > 1 ? InetAddress.getByName(args[1]) : InetAddress.getLoopbackAddress();
        byte[] key = KeyFile.loadOrCreate(KeyFile.location(System.getProperties(), System.getenv()), System.out);
        AuthServer server;
        try {
            server = bind(new InetSocketAddress(host, port), key);
        } catch (BindException e) {
            System.err.println("Cannot listen on " + host.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("AuthServer listening on " + host.getHostAddress() + ":" + server.port()
                + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // the process is ending anyway
            }
        }));
        server.serveForever();
    }
}
