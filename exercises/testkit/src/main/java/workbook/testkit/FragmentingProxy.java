package workbook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that forwards bytes faithfully but cuts and glues the writes, as a real network may.
 *
 * <pre>
 *   check's client ──▶ proxy (port()) ──▶ student's server (targetPort)
 *                  ◀──                 ◀──
 * </pre>
 * Following its {@link ProxyPlan}, the proxy splits each write into pieces (down to single
 * bytes), pauses between them, merges writes that arrive close together, and can reset or
 * half-close a connection after a number of bytes. Byte order and content are never changed.
 * The piece sizes come from the plan's seed; {@link #describe()} (printed when a check fails)
 * names the seed and the first pieces of every connection, so the failure can be replayed.
 */
public final class FragmentingProxy implements AutoCloseable {

    private static final int PIECES_SHOWN = 24;

    private final ServerSocket listener;
    private final int targetPort;
    private final ProxyPlan plan;
    private final FixtureThreads threads = new FixtureThreads("fragmenting-proxy");
    private final List<Direction> directions = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();

    private FragmentingProxy(ServerSocket listener, int targetPort, ProxyPlan plan) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.plan = plan;
    }

    /** Starts a proxy on a free loopback port that forwards every connection to {@code targetPort} on loopback. */
    public static FragmentingProxy start(int targetPort, ProxyPlan plan) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(Loopback.anyPort());
        FragmentingProxy proxy = new FragmentingProxy(listener, targetPort, plan);
        proxy.threads.register(listener);
        HangUps.owner(proxy.port(), "the fragmenting proxy (port " + proxy.port() + "), which closes its side"
                + " once the server behind it (port " + targetPort + ") closed its own,");
        proxy.spawn("accept", proxy::acceptLoop);
        Diagnostics.note(proxy::describe);
        return proxy;
    }

    /** The port to connect to instead of the server's. */
    public int port() {
        return listener.getLocalPort();
    }

    public ProxyPlan plan() {
        return plan;
    }

    /** The seed, the plan and the pieces written so far, per connection and direction. */
    public String describe() {
        StringBuilder s = new StringBuilder("Fragmenting proxy, " + plan
                + " (replay with -Dproxy.seed=" + plan.seed() + ")");
        for (Direction d : directions) {
            s.append("\n  ").append(d.summary());
        }
        return s.toString();
    }

    /**
     * Closes the listener and every connection, and waits (boundedly) for the proxy's threads; a
     * connection accepted while it closes is closed at once.
     */
    @Override
    public void close() {
        threads.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Socket server = new Socket();
            if (!threads.register(client) || !threads.register(server)) {
                closeQuietly(client);
                return; // closing: both are closed
            }
            int n = connectionCount.incrementAndGet();
            try {
                client.setTcpNoDelay(true);
                server.connect(Loopback.address(targetPort), (int) Timeouts.REPLY.toMillis());
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                // The server is not there: let the client see the connection fail.
                abort(client);
                closeQuietly(server);
                continue;
            }
            Link link = new Link(client, server);
            Direction up = new Direction("connection " + n + ", client→server", client, server, link, true,
                    new Random(plan.seed() * 1_000_003L + 2L * n));
            Direction down = new Direction("connection " + n + ", server→client", server, client, link, false,
                    new Random(plan.seed() * 1_000_003L + 2L * n + 1));
            directions.add(up);
            directions.add(down);
            if (!spawn("c" + n + "-up", up::pump) || !spawn("c" + n + "-down", down::pump)) {
                return; // closing: close() closes both sockets, which ends a pump already started
            }
        }
    }

    /** The two sockets of one proxied connection; closed when both directions are done. */
    private static final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicInteger open = new AtomicInteger(2);

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void directionDone() {
            if (open.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(server);
            }
        }

        /** Something broke (or the plan says reset): abort both sides so each sees a reset. */
        void reset() {
            abort(client);
            abort(server);
        }
    }

    /** One direction of one connection: reads from one socket, writes pieces to the other. */
    private final class Direction {
        private final String name;
        private final Socket from;
        private final Socket to;
        private final Link link;
        private final boolean towardsServer;
        private final Random random;
        private final List<Integer> pieces = new CopyOnWriteArrayList<>();
        private volatile long forwarded;
        private volatile int pieceCount;
        private volatile String ending = "still open";

        Direction(String name, Socket from, Socket to, Link link, boolean towardsServer, Random random) {
            this.name = name;
            this.from = from;
            this.to = to;
            this.link = link;
            this.towardsServer = towardsServer;
            this.random = random;
        }

        void pump() {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = readMerged(in, buffer);
                    if (n == -1) {
                        ending = "ended (end of stream passed on)";
                        to.shutdownOutput();
                        break;
                    }
                    if (!forward(out, buffer, n)) {
                        break;
                    }
                }
                link.directionDone(); // after a reset both sockets are closed already; this is then harmless
            } catch (IOException e) {
                ending = "broke: " + e.getMessage();
                link.reset();
            }
        }

        /** Reads one chunk; with a merge window, keeps reading until the window after the first byte closes. */
        private int readMerged(InputStream in, byte[] buffer) throws IOException {
            int n = in.read(buffer);
            if (n <= 0 || plan.merge().isZero()) {
                return n;
            }
            long deadline = System.nanoTime() + plan.merge().toNanos();
            try {
                while (n < buffer.length) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    from.setSoTimeout((int) left);
                    int more = in.read(buffer, n, buffer.length - n);
                    if (more == -1) {
                        break; // the next read sees the end of stream again
                    }
                    n += more;
                }
            } catch (SocketTimeoutException windowClosed) {
                // nothing more arrived in the window
            } finally {
                from.setSoTimeout(0);
            }
            return n;
        }

        /** Writes n bytes as pieces; false if the plan ended this direction (half-close or reset). */
        private boolean forward(OutputStream out, byte[] buffer, int n) throws IOException {
            long limit = towardsServer ? budget() : Long.MAX_VALUE;
            int allowed = (int) Math.min(n, Math.max(0, limit - forwarded));
            int offset = 0;
            while (offset < allowed) {
                int size = Math.min(allowed - offset, pieceSize());
                record(size); // before writing, so the description never lags behind what the peer saw
                out.write(buffer, offset, size);
                out.flush();
                offset += size;
                if (!plan.pause().isZero() && offset < allowed) {
                    Patience.pause(plan.pause().toMillis()); // the plan's pause, part of the traffic: not scaled
                }
            }
            if (forwarded < limit) {
                return true;
            }
            if (plan.resetAfter() >= 0 && forwarded >= plan.resetAfter()) {
                ending = "reset by the plan after " + forwarded + " bytes";
                link.reset();
                return false;
            }
            ending = "half-closed by the plan after " + forwarded + " bytes; later bytes were dropped";
            to.shutdownOutput();
            drain(from.getInputStream());
            return false;
        }

        private long budget() {
            long reset = plan.resetAfter() >= 0 ? plan.resetAfter() : Long.MAX_VALUE;
            long half = plan.halfCloseAfter() >= 0 ? plan.halfCloseAfter() : Long.MAX_VALUE;
            return Math.min(reset, half);
        }

        private int pieceSize() {
            if (plan.maxPiece() == Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
            return plan.minPiece() + random.nextInt(plan.maxPiece() - plan.minPiece() + 1);
        }

        private void record(int size) {
            forwarded += size;
            pieceCount++;
            if (pieces.size() < PIECES_SHOWN) {
                pieces.add(size);
            }
        }

        String summary() {
            String shown = pieces.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("");
            return name + ": " + forwarded + " bytes in " + pieceCount + " writes"
                    + (pieceCount > 0 ? " [" + shown + (pieceCount > pieces.size() ? " ..." : "") + "]" : "")
                    + ", " + ending;
        }
    }

    /** Reads and discards until end of stream: the client may go on writing after a half-close. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink) != -1) {
            // dropped on purpose
        }
    }

    private boolean spawn(String role, Runnable body) {
        return threads.start(role, body);
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        FixtureThreads.closeQuietly(c);
    }
}
