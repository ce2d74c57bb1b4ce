package workbook.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP proxy on loopback that loses, duplicates, reorders and delays datagrams, as a real network may.
 *
 * <pre>
 *   client A ──▶ ┌──────────────┐ upstream socket for A ──▶ ┌────────────────┐
 *   client B ──▶ │ proxy port() │ upstream socket for B ──▶ │ server (target) │
 *            ◀── └──────────────┘                       ◀── └────────────────┘
 * </pre>
 * Each client address gets its own upstream socket, so the server sees one sender per client
 * and every reply finds its way back to the client it belongs to. Following its
 * {@link LossPlan}, the proxy decides each datagram's fate from the seed: lost, sent twice, held
 * back until the next one has passed, or sent late (each direction is a {@link LossyDirection}). The
 * bytes of a datagram are never changed.
 * {@link #describe()} (printed when a check fails) names the seed, the counts and the first
 * fates in each direction, so the failure can be replayed with {@code -Dproxy.seed=N}.
 */
public final class LossyUdpProxy implements AutoCloseable {

    private static final int MAX_CLIENTS = 64;
    private static final int BUFFER = 65_535;
    private static final int SOCKET_BUFFER = 1 << 20;

    private final DatagramSocket front;
    private final int port;
    private final InetSocketAddress target;
    private final LossPlan plan;
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    private final List<Client> clientsInOrder = new CopyOnWriteArrayList<>();
    private final DelayQueue<DelayedDatagram> outbox = new DelayQueue<>();
    private final FixtureThreads threads = new FixtureThreads("lossy-udp-proxy");
    private final AtomicLong sendOrder = new AtomicLong();
    private volatile boolean closed;

    private LossyUdpProxy(DatagramSocket front, InetSocketAddress target, LossPlan plan) {
        this.front = front;
        this.port = front.getLocalPort();
        this.target = target;
        this.plan = plan;
    }

    /** Starts a proxy on a free loopback port that forwards every client's datagrams to {@code targetPort} on loopback. */
    public static LossyUdpProxy start(int targetPort, LossPlan plan) throws IOException {
        DatagramSocket front = openSocket();
        LossyUdpProxy proxy = new LossyUdpProxy(front, Loopback.address(targetPort), plan);
        proxy.threads.register(front);
        proxy.threads.start("front", proxy::frontLoop);
        proxy.threads.start("sender", proxy::sendLoop);
        Diagnostics.note(proxy::describe);
        return proxy;
    }

    /** The port to send to instead of the server's. */
    public int port() {
        return port;
    }

    /** The loopback address to send to instead of the server's. */
    public InetSocketAddress address() {
        return Loopback.address(port());
    }

    public LossPlan plan() {
        return plan;
    }

    /** The seed, the plan, and what happened so far to the datagrams of each client, both ways. */
    public String describe() {
        StringBuilder s = new StringBuilder("Lossy UDP proxy, " + plan + " (replay with -Dproxy.seed=" + plan.seed() + ")");
        if (clientsInOrder.isEmpty()) {
            s.append("\n  No datagram arrived at the proxy (port ").append(port()).append(").");
        }
        for (Client c : clientsInOrder) {
            s.append("\n  ").append(c.up.summary()).append("\n  ").append(c.down.summary());
        }
        return s.toString();
    }

    /** Closes every socket, forgets what was still to be sent, and waits (boundedly, loudly) for the proxy's threads. */
    @Override
    public void close() {
        closed = true;
        threads.close(); // closes every socket registered, interrupts the sender, waits for all
    }

    /** Receives from every client and hands each datagram to that client's client→server direction. */
    private void frontLoop() {
        byte[] buffer = new byte[BUFFER];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                front.receive(packet);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // an error report about an earlier send; the front socket itself is fine
            }
            Client client = clientFor((InetSocketAddress) packet.getSocketAddress());
            if (client != null) {
                client.up.arrived(copy(packet));
            }
        }
    }

    /** The client with this address, with its upstream socket and thread started on its first datagram. */
    private Client clientFor(InetSocketAddress address) {
        Client known = clients.get(address);
        if (known != null || clientsInOrder.size() >= MAX_CLIENTS) {
            return known; // beyond MAX_CLIENTS new clients are ignored: a check never needs that many
        }
        try {
            // Not connected: a connected Java socket silently sends nothing for an empty datagram.
            DatagramSocket upstream = openSocket();
            if (!threads.register(upstream)) {
                return null; // closing: the socket was closed at once
            }
            Client client = new Client(clientsInOrder.size() + 1, address, upstream);
            clients.put(address, client);
            clientsInOrder.add(client);
            return threads.start("client-" + client.number, client::upstreamLoop) ? client : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Sends each datagram when its time has come, in the order the plan decided. */
    private void sendLoop() {
        while (!closed) {
            DelayedDatagram next;
            try {
                next = outbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return; // close()
            }
            if (next != null) {
                next.direction().send(next);
            }
        }
    }

    /** One client of the proxy: its address, its own socket towards the server, and the two directions. */
    private final class Client {
        private final int number;
        private final DatagramSocket upstream;
        private final LossyDirection up;
        private final LossyDirection down;

        Client(int number, InetSocketAddress address, DatagramSocket upstream) {
            this.number = number;
            this.upstream = upstream;
            String name = "client " + number + " (" + show(address) + ")";
            long upSeed = new SplittableRandom(plan.seed()).nextLong() + 2L * number;
            // Whose program is where: a student's server runs in a RunningServer, which names its port.
            boolean studentsServer = HangUps.ownerOf(target.getPort()) != null;
            this.up = new LossyDirection(name + " → server", studentsServer ? "your program" : "the server", plan,
                    new SplittableRandom(upSeed), new LossyDirection.Sender(upstream, target), outbox, sendOrder);
            this.down = new LossyDirection("server → " + name, studentsServer ? "the client" : "your program", plan,
                    new SplittableRandom(upSeed + 1), new LossyDirection.Sender(front, address), outbox, sendOrder);
        }

        /** Receives the server's replies for this client and hands them to the server→client direction. */
        void upstreamLoop() {
            byte[] buffer = new byte[BUFFER];
            while (!closed) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    upstream.receive(packet);
                } catch (IOException e) {
                    return; // closed
                }
                if (target.equals(packet.getSocketAddress())) { // anyone else's datagram is not a reply
                    down.arrived(copy(packet));
                }
            }
        }
    }

    private static DatagramSocket openSocket() throws IOException {
        DatagramSocket socket = new DatagramSocket(Loopback.anyPort());
        socket.setReceiveBufferSize(SOCKET_BUFFER);
        socket.setSendBufferSize(SOCKET_BUFFER);
        return socket;
    }

    private static byte[] copy(DatagramPacket packet) {
        return java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    private static String show(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
