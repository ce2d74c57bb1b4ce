package workbook.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The load generator: many connections kept busy by one thread with one {@link Selector}.
 *
 * <pre>
 *   each connection:  send 32 bytes ─▶ wait for all 32 back, upper-cased ─▶ check them ─▶ send again ...
 * </pre>
 * A closed loop: every connection has exactly one message in flight, so the rate it measures is
 * what the server can answer, not what the generator can push. One thread, no allocation per
 * round trip and no per-message system call beyond one read and one write: it takes at most one
 * of the machine's cores and leaves the rest to the server it measures.
 */
final class EchoLoad implements AutoCloseable {

    private static final byte[] MESSAGE = "hello, echo server: how are you?".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPECTED = new String(MESSAGE, StandardCharsets.US_ASCII)
            .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Selector selector;
    private final List<SocketChannel> channels;
    private final ByteBuffer out = ByteBuffer.wrap(MESSAGE).asReadOnlyBuffer();

    private EchoLoad(Selector selector, List<SocketChannel> channels) {
        this.selector = selector;
        this.channels = channels;
    }

    /** Opens {@code connections} connections to the server, one after the other. */
    static EchoLoad open(InetSocketAddress server, int connections) throws IOException {
        Selector selector = Selector.open();
        EchoLoad load = new EchoLoad(selector, new ArrayList<>());
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(server);
                load.channels.add(channel);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(MESSAGE.length));
            }
        } catch (IOException e) {
            load.close();
            throw e;
        }
        return load;
    }

    /** What one run measured: round trips per second within the window, and round trips in all. */
    record Run(double perSecond, long roundTrips) {
    }

    /**
     * Runs the closed loop for {@code ramp} without counting, then counts the round trips completed
     * within {@code window}, then stops sending and waits for the replies still on their way.
     *
     * @throws IOException if a reply is wrong, a connection closes, or replies stop coming
     */
    Run run(Duration ramp, Duration window) throws IOException {
        for (SocketChannel channel : channels) {
            send(channel);
        }
        long countFrom = System.nanoTime() + ramp.toNanos();
        long countTo = countFrom + window.toNanos();
        long drainUntil = countTo + DRAIN.toNanos();
        long counted = 0;
        long all = 0;
        int inFlight = channels.size();
        while (inFlight > 0) {
            long now = System.nanoTime();
            if (now > drainUntil) {
                throw new IOException(inFlight + " replies never came back");
            }
            selector.select(Math.max(1, ((now < countTo ? countTo : drainUntil) - now) / 1_000_000));
            now = System.nanoTime();
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (!replyComplete(key)) {
                    continue;
                }
                all++;
                if (now >= countFrom && now < countTo) {
                    counted++;
                }
                if (now < countTo) {
                    send((SocketChannel) key.channel());
                } else {
                    inFlight--;
                }
            }
        }
        return new Run(counted / (window.toNanos() / 1e9), all);
    }

    /** Reads what arrived; true once the whole reply is in (and correct). */
    private static boolean replyComplete(SelectionKey key) throws IOException {
        ByteBuffer in = (ByteBuffer) key.attachment();
        if (((SocketChannel) key.channel()).read(in) == -1) {
            throw new IOException("the server closed a connection");
        }
        if (in.hasRemaining()) {
            return false;
        }
        if (!Arrays.equals(in.array(), EXPECTED)) {
            throw new IOException("wrong reply: " + new String(in.array(), StandardCharsets.US_ASCII));
        }
        in.clear();
        return true;
    }

    private void send(SocketChannel channel) throws IOException {
        out.clear();
        channel.write(out);
        if (out.hasRemaining()) { // 32 bytes into an idle loopback socket: never seen
            throw new IOException("the socket took only " + out.position() + " of " + MESSAGE.length + " bytes");
        }
    }

    /** Closes every connection politely (FIN), so the servers see end of stream, not a reset. */
    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
