package workbook.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
 * half-close a connection after a number of bytes (each direction is a {@link ProxyDirection}).
 * Byte order and content are never changed.
 * The piece sizes come from the plan's seed; {@link #describe()} (printed when a check fails)
 * names the seed and the first pieces of every connection, so the failure can be replayed.
 */
public final class FragmentingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ProxyPlan plan;
    private final FixtureThreads threads = new FixtureThreads("fragmenting-proxy");
    private final List<ProxyDirection> directions = new CopyOnWriteArrayList<>();
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
        proxy.threads.start("accept", proxy::acceptLoop);
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
        for (ProxyDirection d : directions) {
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
                FixtureThreads.closeQuietly(client);
                return; // closing: both are closed
            }
            int n = connectionCount.incrementAndGet();
            try {
                client.setTcpNoDelay(true);
                server.connect(Loopback.address(targetPort), (int) Timeouts.REPLY.toMillis());
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                // The server is not there: let the client see the connection fail.
                ProxyLink.abort(client);
                FixtureThreads.closeQuietly(server);
                continue;
            }
            ProxyLink link = new ProxyLink(client, server);
            ProxyDirection up = new ProxyDirection("connection " + n + ", client→server", client, server, link, plan,
                    true, new Random(plan.seed() * 1_000_003L + 2L * n));
            ProxyDirection down = new ProxyDirection("connection " + n + ", server→client", server, client, link,
                    plan, false, new Random(plan.seed() * 1_000_003L + 2L * n + 1));
            directions.add(up);
            directions.add(down);
            if (!threads.start("c" + n + "-up", up::pump) || !threads.start("c" + n + "-down", down::pump)) {
                return; // closing: close() closes both sockets, which ends a pump already started
            }
        }
    }
}
