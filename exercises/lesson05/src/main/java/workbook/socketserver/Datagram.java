package workbook.socketserver;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One UDP request: the bytes of one datagram, who sent it, and a way to answer it once.
 *
 * <pre>
 *   client ── "hi" ──▶ UdpServer ── new Datagram("hi", client) ──▶ handler.handle()
 *   client ◀── "HI" ───────────────────────────────────────────── request().reply("HI")
 * </pre>
 * Python hands a UDP handler the pair {@code (data, socket)}, and a handler may send on that socket
 * forever: the seed's {@code while True:} loop inside a UDP handler answers one datagram again and
 * again, and never gets to another. Here a request can be answered once; a second {@link #reply}
 * throws, and the server reports it and goes on. The next datagram is the next request, on a new
 * handler.
 */
public final class Datagram {

    /** The largest UDP payload over IPv4: 65,535 − 20 (IP header) − 8 (UDP header). */
    public static final int MAX_SIZE = 65_507;

    private final byte[] data;
    private final SocketAddress sender;
    private final DatagramSocket socket;
    private final AtomicBoolean answered = new AtomicBoolean();

    Datagram(byte[] data, SocketAddress sender, DatagramSocket socket) {
        this.data = data;
        this.sender = sender;
        this.socket = socket;
    }

    /** A copy of the datagram's bytes (possibly none: an empty datagram is a legal request). */
    public byte[] data() {
        return data.clone();
    }

    /** Who sent it; the reply goes there. */
    public SocketAddress sender() {
        return sender;
    }

    /**
     * Sends one datagram back to the sender.
     *
     * @throws IllegalArgumentException if {@code reply} is longer than {@value #MAX_SIZE} bytes
     * @throws IllegalStateException if this request was answered already
     */
    // tag::reply[]
    public void reply(byte[] reply) throws IOException {
        if (reply.length > MAX_SIZE) {
            throw new IllegalArgumentException("a UDP reply holds at most " + MAX_SIZE + " bytes: " + reply.length);
        }
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("the datagram from " + sender + " was answered already:"
                    + " one request, one reply (a loop inside a UDP handler?)");
        }
        socket.send(new DatagramPacket(reply, reply.length, sender));
    }
    // end::reply[]
}
