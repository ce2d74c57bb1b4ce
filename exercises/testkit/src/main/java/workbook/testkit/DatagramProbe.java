package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A check's own UDP socket on loopback: it sends datagrams and expects replies within a deadline, showing text and hex.
 *
 * <pre>{@code
 * try (DatagramProbe client = DatagramProbe.open("client A")) {
 *     client.send(server.port(), "hello");
 *     client.expect("HELLO", "the reply to \"hello\"");
 *     client.expectNothing("the reply to \"hello\"");
 * }
 * }</pre>
 * Every datagram it receives is kept, so a failure report (through {@link Diagnostics}) shows
 * everything that reached this client, one datagram after another, boundaries marked by {@code |}.
 */
public final class DatagramProbe implements AutoCloseable {

    /** The largest UDP payload there can be: a datagram's length field is 16 bits (65,535 less 8 bytes of header). */
    private static final int BUFFER = 65_535;
    private static final int SOCKET_BUFFER = 1 << 20;

    /** One datagram as it arrived: who sent it, and exactly its bytes. */
    public record Datagram(InetSocketAddress sender, byte[] data) {

        /** The bytes as UTF-8 text. */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final String name;
    private final DatagramSocket socket;
    private final int port;
    private final List<Datagram> received = new CopyOnWriteArrayList<>();
    /** Datagrams that {@link #describe()} found waiting in the socket: the next receive() returns them first. */
    private final Deque<Datagram> waiting = new ConcurrentLinkedDeque<>();

    private DatagramProbe(String name, DatagramSocket socket) {
        this.name = name;
        this.socket = socket;
        this.port = socket.getLocalPort();
    }

    /** Opens a UDP socket on a free loopback port; {@code name} (such as "client A") is used in failure messages. */
    public static DatagramProbe open(String name) throws IOException {
        DatagramSocket socket = new DatagramSocket(Loopback.anyPort());
        socket.setReceiveBufferSize(SOCKET_BUFFER);
        socket.setSendBufferSize(SOCKET_BUFFER);
        DatagramProbe probe = new DatagramProbe(name, socket);
        Diagnostics.note(probe::describe);
        return probe;
    }

    /** A loopback UDP port where nothing is bound (a port 0 binding, released at once). */
    public static int unusedPort() {
        try (DatagramSocket probe = new DatagramSocket(Loopback.anyPort())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** This probe's address, as a server sees it when the probe sends. */
    public InetSocketAddress address() {
        return Loopback.address(port());
    }

    /** Sends one datagram holding exactly {@code data} to a loopback port. */
    public void send(int port, byte[] data) throws IOException {
        send(Loopback.address(port), data);
    }

    /** Sends one datagram holding {@code text} in UTF-8 to a loopback port. */
    public void send(int port, String text) throws IOException {
        send(port, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one datagram holding exactly {@code data} to an address. */
    public void send(InetSocketAddress to, byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, to));
    }

    /** Waits up to {@code patience} for the next datagram; empty if none came. */
    public Optional<Datagram> receive(Duration patience) throws IOException {
        Datagram early = waiting.poll();
        if (early != null) {
            received.add(early);
            return Optional.of(early);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(new byte[BUFFER], BUFFER);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (PortUnreachableException e) {
                continue; // a report about an earlier send (only connected sockets get those); keep waiting
            }
            Datagram datagram = datagramOf(packet);
            received.add(datagram);
            return Optional.of(datagram);
        }
    }

    private static Datagram datagramOf(DatagramPacket packet) {
        return new Datagram((InetSocketAddress) packet.getSocketAddress(),
                Arrays.copyOf(packet.getData(), packet.getLength()));
    }

    /**
     * Waits up to {@link Timeouts#REPLY} for the next datagram and fails unless it holds exactly {@code expected}.
     *
     * @param what a few words for the message, such as "the reply to \"hello\""
     * @return the datagram, to look at its sender
     */
    public Datagram expect(byte[] expected, String what) throws IOException {
        Optional<Datagram> next = receive(Timeouts.REPLY);
        if (next.isEmpty()) {
            Diagnostics.snapshot();
            fail("Nothing arrived at " + name + " within " + seconds(Timeouts.REPLY) + " for " + what
                    + ". Expected one datagram:\n" + Bytes.indent(Bytes.show(expected)) + earlier());
        }
        Datagram got = next.get();
        if (!Arrays.equals(expected, got.data())) {
            Diagnostics.snapshot();
            fail("Wrong datagram at " + name + " for " + what + " (it came from " + show(got.sender()) + ").\n"
                    + Bytes.compare(expected, List.of(got.data())) + earlier());
        }
        return got;
    }

    /** The same for a datagram that should hold {@code expected} as UTF-8 text. */
    public Datagram expect(String expected, String what) throws IOException {
        return expect(expected.getBytes(StandardCharsets.UTF_8), what);
    }

    /** Fails if any datagram arrives within {@link Timeouts#LINGER}. */
    public void expectNothing(String after) throws IOException {
        Optional<Datagram> extra = receive(Timeouts.LINGER);
        if (extra.isPresent()) {
            Diagnostics.snapshot();
            fail("An unexpected datagram arrived at " + name + " (from " + show(extra.get().sender()) + ") " + after
                    + ":\n" + Bytes.indent(Bytes.show(extra.get().data())) + earlier());
        }
    }

    /** Every datagram received so far, in order. */
    public List<Datagram> received() {
        return List.copyOf(received);
    }

    /**
     * What reached this probe so far, datagram by datagram: those the check read, then those still waiting in the
     * socket (a reply that went to the wrong client shows up there). Waiting ones are kept for the next receive().
     */
    public String describe() {
        collectWaiting();
        List<byte[]> read = received.stream().map(Datagram::data).toList();
        List<byte[]> unread = waiting.stream().map(Datagram::data).toList();
        StringBuilder s = new StringBuilder("The check's UDP socket '" + name + "' (port " + port() + ") received "
                + count(read.size()) + (read.isEmpty() ? "" : " (| between datagrams):\n" + Bytes.indent(Bytes.show(read))));
        if (!unread.isEmpty()) {
            s.append(read.isEmpty() ? "; " : "and ").append(unread.size()).append(read.isEmpty() ? "" : " more")
                    .append(unread.size() == 1 ? " datagram" : " datagrams")
                    .append(" arrived that the check had not read yet:\n").append(Bytes.indent(Bytes.show(unread)));
        }
        return s.toString().stripTrailing() + (read.isEmpty() && unread.isEmpty() ? "." : "");
    }

    /** Moves datagrams already waiting in the socket (at most a few) into {@link #waiting}, without blocking long. */
    private void collectWaiting() {
        if (socket.isClosed()) {
            return;
        }
        try {
            socket.setSoTimeout(1);
            for (int i = 0; i < 16; i++) {
                DatagramPacket packet = new DatagramPacket(new byte[BUFFER], BUFFER);
                socket.receive(packet);
                waiting.add(datagramOf(packet));
            }
        } catch (IOException e) {
            // nothing more waiting (a timeout), or the socket was closed meanwhile
        }
    }

    private static String count(int n) {
        return n + (n == 1 ? " datagram" : " datagrams");
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Everything received, for a failure message: a datagram that went to the wrong client shows up here. */
    private String earlier() {
        return received.isEmpty() ? "" : "\n" + describe();
    }

    private static String show(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
