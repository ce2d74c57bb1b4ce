package workbook.socketserver;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A UDP server: each request is one {@link Datagram}, served by a new handler on its own thread.
 *
 * <p>There is no connection to accept: the serve loop receives a datagram, hands it to a handler,
 * and receives the next one at once, so a slow handler delays nobody else. A handler answers with
 * {@code request().reply(bytes)}.
 *
 * <p>It receives up to {@value Datagram#MAX_SIZE} bytes, the most a datagram can carry, so nothing
 * is cut off. (Python's {@code UDPServer} reads 8192 and silently drops the rest.) It never sets
 * SO_REUSEADDR: on Linux that would let a second program bind the same UDP port and, bound last,
 * take every datagram sent to it.
 */
public class UdpServer extends BaseServer<Datagram> {

    private final DatagramSocket socket;
    /** Used by the serve loop only, so one buffer is enough: each request gets its own copy. */
    private final byte[] buffer = new byte[Datagram.MAX_SIZE];

    /** Binds {@code address} (port 0: any free port) with the default options: virtual threads. */
    public UdpServer(InetSocketAddress address, Supplier<? extends RequestHandler<Datagram>> handlers)
            throws IOException {
        this(address, handlers, ServerOptions.defaults());
    }

    /** Binds {@code address} with the given options (the TCP-only ones are ignored). */
    public UdpServer(InetSocketAddress address, Supplier<? extends RequestHandler<Datagram>> handlers,
            ServerOptions options) throws IOException {
        super(handlers, options);
        socket = new DatagramSocket(Objects.requireNonNull(address, "address"));
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    // tag::get-request[]
    @Override
    protected Datagram getRequest() throws IOException {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        // Copy exactly getLength() bytes: the buffer is reused for
        // the next datagram while this one's handler still runs.
        byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                packet.getOffset() + packet.getLength());
        return new Datagram(data, packet.getSocketAddress(), socket);
    }
    // end::get-request[]

    @Override
    protected SocketAddress clientAddress(Datagram request) {
        return request.sender();
    }

    @Override
    protected void serverClose() {
        socket.close();
    }
}
