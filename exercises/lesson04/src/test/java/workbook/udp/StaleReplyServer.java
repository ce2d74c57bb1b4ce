package workbook.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import workbook.testkit.FixtureThreads;
import workbook.testkit.Loopback;

/**
 * A hostile server for the client checks: it never answers a request, but sends the client a reply with another
 * number every few milliseconds, without end.
 */
final class StaleReplyServer implements AutoCloseable {

    private static final int EVERY_MS = 5;

    private final DatagramSocket socket;
    /** Its socket and thread, stopped together on close (a thread that does not stop fails the check, named). */
    private final FixtureThreads threads = new FixtureThreads("stale-reply-server");
    private final AtomicInteger requests = new AtomicInteger();
    private volatile SocketAddress client;
    private volatile byte[] stale = "999999 STALE".getBytes(StandardCharsets.US_ASCII);

    private StaleReplyServer(DatagramSocket socket) {
        this.socket = socket;
    }

    static StaleReplyServer start() throws IOException {
        StaleReplyServer server = new StaleReplyServer(new DatagramSocket(Loopback.anyPort()));
        server.threads.register(server.socket);
        server.threads.start("serve", server::serve);
        return server;
    }

    InetSocketAddress address() {
        return Loopback.address(socket.getLocalPort());
    }

    /** How many requests (tries) arrived. */
    int requests() {
        return requests.get();
    }

    private void serve() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            try {
                socket.setSoTimeout(EVERY_MS);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    requests.incrementAndGet();
                    client = packet.getSocketAddress();
                    stale = staleFor(new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1));
                } catch (SocketTimeoutException e) {
                    // time for the next stale reply
                }
                if (client != null) {
                    socket.send(new DatagramPacket(stale, stale.length, client));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** A reply numbered 1000 more than the request: never the one the client waits for. */
    private static byte[] staleFor(String request) {
        String digits = request.replaceFirst("(?s) .*", "");
        long number = digits.matches("\\d{1,10}") ? Long.parseLong(digits) + 1_000 : 999_999;
        return (number + " STALE").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        threads.close();
    }
}
