package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A reference server on loopback port 0 for a student's client to talk to; it records what each connection sent.
 *
 * <p>Each accepted connection runs the given {@link Handler} on its own thread, reading through
 * a stream that records every byte and notices when the client hangs up. Closing the server
 * closes every connection and waits (boundedly, loudly) for the threads to end.
 */
public final class ReferenceServer implements AutoCloseable {

    /** What the reference server does with one connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(Connection connection) throws IOException;
    }

    /** One accepted connection: its streams, and what the client sent on it. */
    public static final class Connection {
        private final String name;
        private final Socket socket;
        private final Recording in;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile Throwable failure;

        /** @param name says whose connection it is in failure messages, such as "connection #1 of the reference UpperServer" */
        Connection(String name, Socket socket) throws IOException {
            this.name = name;
            this.socket = socket;
            this.in = new Recording(socket.getInputStream());
        }

        /** The client's bytes; everything read from here is recorded. */
        public InputStream in() {
            return in;
        }

        public OutputStream out() throws IOException {
            return socket.getOutputStream();
        }

        public Socket socket() {
            return socket;
        }

        /** Everything the handler has read from the client so far. */
        public byte[] received() {
            return Bytes.concat(in.chunks);
        }

        /** What the handler read, one entry per read. */
        public List<byte[]> receivedChunks() {
            return List.copyOf(in.chunks);
        }

        /** True once a read returned -1: the client closed its side politely. */
        public boolean clientHungUp() {
            return in.endOfStream;
        }

        /**
         * Waits up to {@code patience} for the conversation to end (the handler returned), then returns everything
         * the client sent: all of it if the conversation ended, what had arrived so far if not.
         */
        public byte[] awaitReceived(Duration patience) {
            finished(patience);
            return received();
        }

        /**
         * Waits up to {@link Timeouts#REPLY} for the conversation to end (the handler returned); fails, saying what
         * was received, if it does not.
         *
         * @param after what should have ended it, such as "the client's input ended"
         */
        public Connection expectFinished(String after) {
            if (!finished(Timeouts.REPLY)) {
                Diagnostics.snapshot();
                fail("The " + name + " was still open " + Timeouts.REPLY.toSeconds() + " s after " + after
                        + ". It had received:\n" + Bytes.indent(Bytes.show(receivedChunks())));
            }
            return this;
        }

        /**
         * Waits up to {@link Timeouts#REPLY} for the client to hang up politely (a read returning -1); fails, saying
         * what was received and how the conversation ended instead, if it does not.
         *
         * @param after what should have made the client hang up, such as "its input ended"
         */
        public Connection expectHangUp(String after) {
            if (!finished(Timeouts.REPLY) || !clientHungUp()) {
                Diagnostics.snapshot();
                fail("The " + name + " never saw your client hang up (a read returning -1) after " + after
                        + (failure == null ? "" : "; the conversation ended with " + failure)
                        + ". It had received:\n" + Bytes.indent(Bytes.show(receivedChunks())));
            }
            return this;
        }

        private boolean finished(Duration patience) {
            try {
                return finished.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** What the handler threw, if anything (a reset shows up here). */
        public Throwable failure() {
            return failure;
        }
    }

    /** Records every read and whether the stream ended. */
    private static final class Recording extends InputStream {
        private final InputStream in;
        private final List<byte[]> chunks = new CopyOnWriteArrayList<>();
        private volatile boolean endOfStream;

        Recording(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n == -1) {
                endOfStream = true;
            } else if (n > 0) {
                chunks.add(java.util.Arrays.copyOfRange(b, off, off + n));
            }
            return n;
        }
    }

    private final String name;
    private final ServerSocket listener;
    private final Handler handler;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    /** Each connection once more, as it arrives: what {@link #expectConnection} waits on. */
    private final BlockingQueue<Connection> arrivals = new LinkedBlockingQueue<>();
    private final FixtureThreads threads;
    private volatile boolean dropped;

    private ReferenceServer(String name, ServerSocket listener, Handler handler) {
        this.name = name;
        this.threads = new FixtureThreads("reference-" + name);
        this.listener = listener;
        this.handler = handler;
    }

    /** Starts a reference server on a free loopback port. */
    public static ReferenceServer start(String name, Handler handler) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(Loopback.anyPort());
        ReferenceServer server = new ReferenceServer(name, listener, handler);
        server.threads.register(listener);
        server.threads.start("accept", server::acceptLoop);
        Diagnostics.note(server::describe);
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The connections accepted so far, in order. */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Waits up to {@link Timeouts#REPLY} for the n-th connection (0-based) and returns it; fails if it never comes. */
    public Connection expectConnection(int index) {
        long deadline = System.nanoTime() + Timeouts.REPLY.toNanos();
        while (connections.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || nextArrival(left) == null && connections.size() <= index) {
                fail("The " + name + " expected connection #" + (index + 1) + " from your client, but only "
                        + connections.size() + " arrived within " + Timeouts.REPLY.toSeconds() + " s.");
            }
        }
        return connections.get(index);
    }

    /** Closes every open connection, as if the server crashed: used to unblock a client stuck in a read. */
    public void dropConnections() {
        dropped = true;
        for (Connection c : connections) {
            FixtureThreads.closeQuietly(c.socket);
        }
    }

    /**
     * Closes the listener and every connection, then waits (at most {@link Timeouts#SHUTDOWN}) for its threads;
     * a connection accepted while it closes is closed at once.
     */
    @Override
    public void close() {
        dropped = true;
        threads.close();
    }

    private Connection nextArrival(long nanos) {
        try {
            return arrivals.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String describe() {
        StringBuilder s = new StringBuilder("The " + name + " (port " + port() + ") accepted "
                + connections.size() + (connections.size() == 1 ? " connection" : " connections"));
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            s.append(i == 0 ? ":" : "").append("\n  #").append(i + 1).append(": received ")
                    .append(c.received().length).append(" bytes")
                    .append(c.clientHungUp() ? ", then the client hung up" : "")
                    .append(c.failure() == null ? "" : dropped ? ", then the check closed it" : ", then " + c.failure());
        }
        return s.append('.').toString();
    }

    private void acceptLoop() {
        int count = 0;
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                if (!threads.register(socket)) {
                    return; // closing: the socket was closed at once
                }
                Connection connection = new Connection("connection #" + (count + 1) + " of the " + name, socket);
                connections.add(connection);
                arrivals.add(connection);
                if (!threads.start("connection-" + (++count), () -> serve(connection))) {
                    return;
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Connection connection) {
        try (Socket ignored = connection.socket) {
            handler.handle(connection);
        } catch (Throwable t) { // a reset, or the server being closed: recorded for the report

            connection.failure = t;
        } finally {
            connection.finished.countDown();
        }
    }
}
