package workbook.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop UDP load: {@code clients} threads, each with its own socket, sending a datagram and
 * waiting for its upper-cased echo before sending the next. Counts the round trips completed inside a
 * measuring window (after a ramp), and the replies that never came (lost, after 200 ms).
 */
final class UdpLoad {

    /** What one window measured. */
    record Run(long roundTrips, long lost, Duration window) {
        double perSecond() {
            return roundTrips / (window.toNanos() / 1e9);
        }
    }

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PING".getBytes(StandardCharsets.US_ASCII);
    private static final int LOST_AFTER_MS = 200;

    private UdpLoad() {
    }

    static Run run(InetSocketAddress server, int clients, Duration ramp, Duration window) throws Exception {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong roundTrips = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("udp-load-" + i).start(() -> {
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.connect(server);
                    socket.setSoTimeout(LOST_AFTER_MS);
                    byte[] buffer = new byte[64];
                    while (!stop.get()) {
                        socket.send(new DatagramPacket(PING, PING.length));
                        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                        try {
                            socket.receive(reply);
                        } catch (SocketTimeoutException noReply) {
                            lost.incrementAndGet();
                            continue;
                        }
                        if (!Arrays.equals(PONG, 0, PONG.length, buffer, 0, reply.getLength())) {
                            throw new IOException("wrong echo: " + new String(buffer, 0, reply.getLength(),
                                    StandardCharsets.US_ASCII));
                        }
                        if (counting.get()) {
                            roundTrips.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        Thread.sleep(ramp.toMillis());
        long lostBefore = lost.get();
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        counting.set(false);
        Duration measured = Duration.ofNanos(System.nanoTime() - start);
        long lostInWindow = lost.get() - lostBefore;
        stop.set(true);
        for (Thread t : threads) {
            t.join(5_000);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new Run(roundTrips.get(), lostInWindow, measured);
    }
}
