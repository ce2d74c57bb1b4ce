package workbook.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Five facts about UDP, each shown in a few lines on loopback: run it and read along with the lesson.
 *
 * <pre>
 *   mvn -q compile exec:exec@demo -pl lesson04 -Ddemo.main=workbook.udp.UdpFacts
 * </pre>
 * Two sockets, a and b, send each other datagrams; no server, no connection.
 */
public final class UdpFacts {

    private static final int PATIENCE_MS = 300;

    private UdpFacts() {
    }

    public static void main(String[] args) throws IOException {
        try (DatagramSocket a = open(); DatagramSocket b = open()) {
            SocketAddress toB = b.getLocalSocketAddress();
            boundariesAreKept(a, b, toB);
            emptyDatagrams(a, b, toB);
            truncation(a, b, toB);
            sizeLimit(a, toB);
            noServer();
        }
    }

    /** Two sends, two receives: UDP never glues datagrams together (no 粘包, "sticky packets"). */
    // tag::boundaries[]
    static void boundariesAreKept(DatagramSocket a, DatagramSocket b, SocketAddress toB) throws IOException {
        a.send(new DatagramPacket("hello".getBytes(), 5, toB));
        a.send(new DatagramPacket("world".getBytes(), 5, toB));
        System.out.println("1. Two sends arrive as two datagrams: \""
                + receive(b, 1024) + "\" then \"" + receive(b, 1024) + "\"");
    }
    // end::boundaries[]

    /** An empty datagram is sent and received: receive() returns with a length of 0. */
    // tag::empty[]
    static void emptyDatagrams(DatagramSocket a, DatagramSocket b, SocketAddress toB) throws IOException {
        a.send(new DatagramPacket(new byte[0], 0, toB));
        DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
        b.receive(packet);
        System.out.println("2. An empty datagram arrives: length " + packet.getLength());
    }
    // end::empty[]

    /** A datagram longer than the buffer is cut to fit, without an error, and the rest is gone. */
    // tag::truncation[]
    static void truncation(DatagramSocket a, DatagramSocket b, SocketAddress toB) throws IOException {
        a.send(new DatagramPacket(new byte[2000], 2000, toB));
        DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
        b.receive(packet); // no exception, no warning
        System.out.println("3. 2000 bytes sent, 1024-byte buffer: getLength() = " + packet.getLength()
                + "; the next receive gets " + receive(b, 1024));
    }
    // end::truncation[]

    /** 65,507 bytes fit in one datagram over IPv4; one more byte, and send() throws. */
    // tag::limit[]
    static void sizeLimit(DatagramSocket a, SocketAddress toB) throws IOException {
        a.send(new DatagramPacket(new byte[65_507], 65_507, toB));
        try {
            a.send(new DatagramPacket(new byte[65_508], 65_508, toB));
        } catch (IOException e) {
            System.out.println("4. 65,507 bytes sent; 65,508 bytes: " + e);
        }
    }
    // end::limit[]

    /** Sending to a port where nothing listens: silence, unless the socket is connected. */
    // tag::unreachable[]
    static void noServer() throws IOException {
        SocketAddress nobody;
        try (DatagramSocket gone = open()) {
            nobody = gone.getLocalSocketAddress(); // a port that was free a moment ago
        }
        try (DatagramSocket s = open()) {
            s.send(new DatagramPacket(new byte[] {'?'}, 1, nobody)); // no error
            System.out.println("5. Unconnected: send() is fine, then receive() gets " + receive(s, 1024));
        }
        try (DatagramSocket s = open()) {
            s.connect(nobody);
            s.send(new DatagramPacket(new byte[] {'?'}, 1)); // no error either
            System.out.println("   Connected:   send() is fine, then receive() gets " + receive(s, 1024));
        }
    }
    // end::unreachable[]

    /** The next datagram as text, or what happened instead within PATIENCE_MS. */
    private static String receive(DatagramSocket socket, int bufferSize) {
        DatagramPacket packet = new DatagramPacket(new byte[bufferSize], bufferSize);
        try {
            socket.setSoTimeout(PATIENCE_MS);
            socket.receive(packet);
            return new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "nothing (timed out after " + PATIENCE_MS + " ms)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static DatagramSocket open() throws IOException {
        return new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }
}
