package workbook.udp;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * An upper-case echo server over UDP: each datagram goes back to its sender with its ASCII letters upper-cased.
 *
 * <p>There is no connection, so there is no listen(), no accept() and no connection loop. One
 * socket receives every client's datagrams, one after another, and each datagram says who sent it:
 * <pre>
 *   receive(packet) ─▶ upper-case its bytes ─▶ send them to packet.getSocketAddress() ─▶ receive(...) ─▶ ...
 * </pre>
 * Methods for the caller: {@link #bind}, {@link #port}, {@link #address}, {@link #serveForever},
 * {@link #close}. Run it by hand with {@link #main}; it binds the loopback interface unless told
 * otherwise, so nothing outside this machine can reach it.
 */
public final class UdpUpperServer implements Closeable {

    private static final int DEFAULT_PORT = 8080;

    private final DatagramSocket socket;
    /** Where the replies go. */
    private SocketAddress client;

    private UdpUpperServer(DatagramSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens a UDP socket on the given address; port 0 lets the operating system pick a free port.
     *
     * @throws BindException if the port is taken (is another server still running?)
     */
    public static UdpUpperServer bind(InetSocketAddress address) throws IOException {
        return new UdpUpperServer(new DatagramSocket(address));
    }

    /** The port the server receives on: the real one, even if it was asked for port 0. */
    public int port() {
        return socket.getLocalPort();
    }

    /** The address the server receives on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /**
     * Answers datagrams until the server is closed: one loop, because there are no connections to accept.
     * A datagram that cannot be answered is logged, and the server goes on.
     */
    public void serveForever() throws IOException {
        // tag::starter-serve[]
        // TODO(step 2): A datagram longer than this buffer is cut to fit, without
        //  a word, and the rest of it is gone. How long can a UDP datagram be?
        //  Make room for the longest.
        byte[] buffer = new byte[1024];
        while (true) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            if (!receiveOrClosed(request)) {
                return;
            }
            // TODO(step 3): getData() is the whole buffer, not only this datagram, and the
            //  buffer is reused: after a long datagram, a short one comes back with the
            //  long one's tail. Answer with exactly this datagram's bytes (the packet
            //  knows where they start and how many there are): bytes, not text.
            String text = new String(request.getData()).trim(); // trim(): drop the zeros
            byte[] reply = text.getBytes();
            AsciiUpper.upperCaseInPlace(reply, 0, reply.length);
            // TODO(step 4): There is no connection in UDP, so there is no "the client":
            //  any number of clients share this socket. Answer each datagram's sender.
            if (client == null) {
                client = request.getSocketAddress(); // the first to write is our client
            }
            sendOrLog(new DatagramPacket(reply, reply.length, client));
        }
        // end::starter-serve[]
    }

    /** Waits for the next datagram; false if the server was closed meanwhile. */
    private boolean receiveOrClosed(DatagramPacket packet) throws IOException {
        while (true) {
            try {
                socket.receive(packet);
                ServerLog.note("server", packet.getSocketAddress(), packet.getLength() + " bytes received");
                return true;
            } catch (PortUnreachableException e) {
                continue; // only a connected socket hears of those; this one is not: ignore it
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return false; // close() was called: a normal end
                }
                throw e;
            }
        }
    }

    /** Sends a reply; a reply that cannot be sent is that client's problem, not the server's. */
    private void sendOrLog(DatagramPacket reply) {
        try {
            socket.send(reply);
        } catch (IOException e) {
            ServerLog.note("server", reply.getSocketAddress(), "could not be answered: " + Reasons.of(e));
        }
    }

    /** Closes the socket, so that {@link #serveForever} returns. */
    @Override
    public void close() {
        socket.close();
    }

    /**
     * Runs the server until Ctrl-C.
     *
     * @param args optional: a port (default 8080), then an address to bind (default 127.0.0.1; 0.0.0.0
     *             accepts datagrams from other machines too)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        InetAddress host = args.length > 1 ? InetAddress.getByName(args[1]) : InetAddress.getLoopbackAddress();
        UdpUpperServer server;
        try {
            server = bind(new InetSocketAddress(host, port));
        } catch (SocketException e) {
            System.err.println("Cannot receive on UDP " + host.getHostAddress() + ":" + port + " (" + Reasons.of(e)
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("UdpUpperServer receiving on UDP " + host.getHostAddress() + ":" + server.port()
                + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.serveForever();
    }
}
