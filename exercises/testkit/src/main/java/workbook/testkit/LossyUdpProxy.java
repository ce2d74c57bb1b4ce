package workbook.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
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
 * back until the next one has passed, or sent late. The bytes of a datagram are never changed.
 * {@link #describe()} (printed when a check fails) names the seed, the counts and the first
 * fates in each direction, so the failure can be replayed with {@code -Dproxy.seed=N}.
 */
public final class LossyUdpProxy implements AutoCloseable {

    private static final int MAX_CLIENTS = 64;
    private static final int FATES_SHOWN = 24;
    private static final int BUFFER = 65_535;
    private static final int SOCKET_BUFFER = 1 << 20;

    private final DatagramSocket front;
    private final int port;
    private final InetSocketAddress target;
    private final LossPlan plan;
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    private final List<Client> clientsInOrder = new CopyOnWriteArrayList<>();
    private final DelayQueue<Outgoing> outbox = new DelayQueue<>();
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
        proxy.spawn("front", proxy::frontLoop);
        proxy.spawn("sender", proxy::sendLoop);
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
            return spawn("client-" + client.number, client::upstreamLoop) ? client : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Sends each datagram when its time has come, in the order the plan decided. */
    private void sendLoop() {
        while (!closed) {
            Outgoing next;
            try {
                next = outbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return; // close()
            }
            if (next != null) {
                next.direction.send(next);
            }
        }
    }

    /** One client of the proxy: its address, its own socket towards the server, and the two directions. */
    private final class Client {
        private final int number;
        private final DatagramSocket upstream;
        private final Direction up;
        private final Direction down;

        Client(int number, InetSocketAddress address, DatagramSocket upstream) {
            this.number = number;
            this.upstream = upstream;
            String name = "client " + number + " (" + show(address) + ")";
            long upSeed = new SplittableRandom(plan.seed()).nextLong() + 2L * number;
            // Whose program is where: a student's server runs in a RunningServer, which names its port.
            boolean studentsServer = HangUps.ownerOf(target.getPort()) != null;
            this.up = new Direction(name + " → server", studentsServer ? "your program" : "the server",
                    new SplittableRandom(upSeed), new DatagramSender(upstream, target));
            this.down = new Direction("server → " + name, studentsServer ? "the client" : "your program",
                    new SplittableRandom(upSeed + 1), new DatagramSender(front, address));
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

    /** Where one direction's datagrams go: from this socket to that address. */
    private record DatagramSender(DatagramSocket socket, InetSocketAddress destination) {
        void send(byte[] datagram) throws IOException {
            socket.send(new DatagramPacket(datagram, datagram.length, destination));
        }
    }

    /** One direction of one client's traffic: decides each datagram's fate and remembers what it did. */
    private final class Direction {
        private final String name;
        private final String destination;
        private final SplittableRandom random;
        private final DatagramSender sender;
        private final List<String> fates = new ArrayList<>();
        private int arrived;
        private int dropped;
        private int duplicated;
        private int reordered;
        private int delayed;
        private int sent;
        private String problem;
        private Outgoing held;

        Direction(String name, String destination, SplittableRandom random, DatagramSender sender) {
            this.name = name;
            this.destination = destination;
            this.random = random;
            this.sender = sender;
        }

        /** Decides the fate of a datagram that just arrived, and schedules it (or not). */
        synchronized void arrived(byte[] datagram) {
            arrived++;
            // Draw every decision every time, so that each datagram's fate depends only on the seed and its number.
            boolean lose = random.nextDouble() < plan.dropRate();
            boolean twice = random.nextDouble() < plan.duplicateRate();
            boolean holdBack = random.nextDouble() < plan.reorderRate();
            boolean late = random.nextDouble() < plan.delayRate();
            if (lose) {
                dropped++;
                fate("lost");
                return;
            }
            long delayNanos = late ? plan.delayBy().toNanos() : 0;
            Outgoing item = new Outgoing(this, datagram, twice ? 2 : 1, System.nanoTime() + delayNanos,
                    sendOrder.incrementAndGet());
            duplicated += twice ? 1 : 0;
            delayed += late ? 1 : 0;
            if (holdBack && held == null) {
                reordered++;
                held = item.later(TimeUnit.MILLISECONDS.toNanos(LossPlan.MAX_HOLD_MS));
                outbox.add(held);
                fate("held" + (twice ? "+twice" : ""));
                return;
            }
            outbox.add(item);
            fate(twice && late ? "twice+late" : twice ? "twice" : late ? "late" : "ok");
            if (held != null && outbox.remove(held)) { // still waiting: let it go right after this one
                outbox.add(held.after(item, sendOrder.incrementAndGet()));
            }
            held = null;
        }

        /** Sends a datagram whose time has come (on the proxy's sender thread). */
        void send(Outgoing item) {
            synchronized (this) {
                if (held != null && held.order == item.order) {
                    held = null; // nothing overtook it within MAX_HOLD_MS
                }
            }
            for (int i = 0; i < item.copies; i++) {
                try {
                    sender.send(item.datagram);
                    synchronized (this) {
                        sent++;
                    }
                } catch (IOException e) {
                    note("a send failed: " + e);
                }
            }
        }

        synchronized void note(String what) {
            if (problem == null) {
                problem = what;
            }
        }

        private void fate(String what) {
            if (fates.size() < FATES_SHOWN) {
                fates.add(what);
            }
        }

        synchronized String summary() {
            return name + ": " + arrived + (arrived == 1 ? " datagram" : " datagrams") + " arrived at the proxy, "
                    + dropped + " lost, " + duplicated + " duplicated, " + reordered + " reordered, " + delayed
                    + " delayed, " + sent + " delivered to " + destination + (problem == null ? "" : " (" + problem + ")")
                    + (fates.isEmpty() ? "" : "; fates in order: " + String.join(" ", fates)
                            + (arrived > fates.size() ? " ..." : ""));
        }
    }

    /** A datagram waiting in the outbox until its time; ties are broken by the order the plan decided. */
    private static final class Outgoing implements Delayed {
        private final Direction direction;
        private final byte[] datagram;
        private final int copies;
        private final long dueNanos;
        private final long order;

        Outgoing(Direction direction, byte[] datagram, int copies, long dueNanos, long order) {
            this.direction = direction;
            this.datagram = datagram;
            this.copies = copies;
            this.dueNanos = dueNanos;
            this.order = order;
        }

        /** The same datagram, held back for extra nanoseconds. */
        Outgoing later(long extraNanos) {
            return new Outgoing(direction, datagram, copies, dueNanos + extraNanos, order);
        }

        /** The same datagram, due right after {@code first}. */
        Outgoing after(Outgoing first, long newOrder) {
            return new Outgoing(direction, datagram, copies, first.dueNanos, newOrder);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Outgoing o = (Outgoing) other;
            int byTime = Long.compare(dueNanos, o.dueNanos);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Outgoing o && o.order == order;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(order);
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

    private boolean spawn(String role, Runnable body) {
        return threads.start(role, body);
    }
}
