package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A reference UDP server on loopback port 0 for a student's client to talk to: it answers each datagram through a
 * {@link Handler} and records every datagram it received.
 *
 * <pre>{@code
 * try (ReferenceUdpServer server = ReferenceUdpServer.start("reference echo server", request -> List.of(request.data()))) {
 *     ... the student's client sends to server.port() ...
 *     List<ReferenceUdpServer.Request> got = server.awaitRequests(3, Timeouts.REPLY);
 * }
 * }</pre>
 * A handler may answer a datagram with nothing (a silent or lossy server), one datagram, or
 * several (duplicates, stale replies). Closing the server stops its thread, boundedly and loudly.
 */
public final class ReferenceUdpServer implements AutoCloseable {

    private static final int BUFFER = 65_535;
    private static final int SHOWN = 12;

    /** What the reference server sends back for one datagram. */
    @FunctionalInterface
    public interface Handler {
        /** The datagrams to send back to the request's sender, in order; an empty list to stay silent. */
        List<byte[]> answer(Request request);
    }

    /**
     * One datagram the server received.
     *
     * @param index    0 for the first datagram the server received, 1 for the next, ...
     * @param nanoTime when it arrived ({@link System#nanoTime()}), to measure the gaps between retries
     */
    public record Request(int index, InetSocketAddress sender, byte[] data, long nanoTime) {
    }

    private final String name;
    private final DatagramSocket socket;
    private final int port;
    private final Handler handler;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    /** Each datagram once more, as it arrives: what {@link #awaitRequests} waits on. */
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final List<Integer> answered = new CopyOnWriteArrayList<>();
    private final FixtureThreads threads;
    private volatile String problem;

    private ReferenceUdpServer(String name, DatagramSocket socket, Handler handler) {
        this.name = name;
        this.socket = socket;
        this.port = socket.getLocalPort();
        this.handler = handler;
        this.threads = new FixtureThreads("reference-udp-" + name);
    }

    /** Starts a reference server on a free loopback port. */
    public static ReferenceUdpServer start(String name, Handler handler) throws IOException {
        DatagramSocket socket = new DatagramSocket(Loopback.anyPort());
        socket.setReceiveBufferSize(1 << 20);
        socket.setSendBufferSize(1 << 20);
        ReferenceUdpServer server = new ReferenceUdpServer(name, socket, handler);
        server.threads.register(socket);
        server.threads.start("serve", server::serve);
        Diagnostics.note(server::describe);
        return server;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return Loopback.address(port());
    }

    /** Every datagram received so far, in order. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    /**
     * Waits up to {@code patience} until {@code count} datagrams have arrived; returns every datagram that arrived
     * by then, in order: maybe fewer than {@code count}, maybe more. To fail when fewer arrive, use
     * {@link #expectRequests}.
     */
    public List<Request> awaitRequests(int count, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || arrivals.poll(left, TimeUnit.NANOSECONDS) == null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return received();
    }

    /**
     * Waits up to {@link Timeouts#REPLY} until {@code count} datagrams have arrived and returns them all; fails, showing
     * what did arrive, if fewer do.
     *
     * @param what a few words for the message, such as "the client's three tries"
     */
    public List<Request> expectRequests(int count, String what) {
        List<Request> got = awaitRequests(count, Timeouts.REPLY);
        if (got.size() < count) {
            Diagnostics.snapshot();
            fail("The " + name + " expected " + count + (count == 1 ? " datagram" : " datagrams") + " (" + what
                    + ") within " + Timeouts.REPLY.toSeconds() + " s, but " + got.size() + " arrived.\n" + describe());
        }
        return got;
    }

    /** What the server received and how it answered, datagram by datagram (the first few). */
    public String describe() {
        StringBuilder s = new StringBuilder("The " + name + " (UDP port " + port() + ") received " + received.size()
                + (received.size() == 1 ? " datagram" : " datagrams") + (received.isEmpty() ? "." : ":"));
        for (int i = 0; i < Math.min(SHOWN, received.size()); i++) {
            Request r = received.get(i);
            int replies = i < answered.size() ? answered.get(i) : 0;
            s.append("\n  #").append(i + 1).append(" from port ").append(r.sender().getPort()).append(", answered with ")
                    .append(replies).append(replies == 1 ? " datagram" : " datagrams").append(":\n")
                    .append(Bytes.indent(Bytes.indent(Bytes.show(r.data()))).stripTrailing());
        }
        if (received.size() > SHOWN) {
            s.append("\n  ...");
        }
        if (problem != null) {
            s.append("\n  (").append(problem).append(")");
        }
        return s.toString();
    }

    /** Closes the socket and waits (at most {@link Timeouts#SHUTDOWN}) for the server's thread. */
    @Override
    public void close() {
        threads.close();
    }

    private void serve() {
        byte[] buffer = new byte[BUFFER];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            Request request = new Request(received.size(), (InetSocketAddress) packet.getSocketAddress(),
                    Arrays.copyOf(packet.getData(), packet.getLength()), System.nanoTime());
            received.add(request);
            arrivals.add(request);
            List<byte[]> replies;
            try {
                replies = handler.answer(request);
            } catch (RuntimeException e) {
                problem = "the handler threw " + e;
                replies = List.of();
            }
            answered.add(replies.size());
            for (byte[] reply : replies) {
                try {
                    socket.send(new DatagramPacket(reply, reply.length, request.sender()));
                } catch (IOException e) {
                    problem = "a reply could not be sent: " + e;
                }
            }
        }
    }
}
