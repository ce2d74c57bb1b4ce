package workbook.udp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;

/**
 * Five facts about UDP, each shown in a few lines on loopback: run it and read along with the lesson.
 *
 * <pre>
 *   mvn -q compile exec:exec@demo -pl lesson04 -Ddemo.main=workbook.udp.UdpFacts
 * </pre>
 * Two sockets, {@code a} and {@code b}, send each other datagrams: no server, no connection.
 * {@code toB} is b's address.
 */
public final class UdpFacts {

    private static final int PATIENCE_MS = 300;

    private UdpFacts() {
    }

    public static void main(String[] args) throws IOException {
        showAll(System.out);
    }

    /** Shows the five facts, one numbered paragraph each: the lines the lesson text quotes. */
    static void showAll(PrintStream out) throws IOException {
        try (DatagramSocket a = open(); DatagramSocket b = open()) {
            SocketAddress toB = b.getLocalSocketAddress();
            boundariesAreKept(a, b, toB, out);
            emptyDatagrams(a, b, toB, out);
            truncation(a, b, toB, out);
            sizeLimit(a, b, toB, out);
            noServer(out);
        }
    }

    /** Two sends, two receives: UDP never glues datagrams together (no 粘包, "sticky packets"). */
    static void boundariesAreKept(DatagramSocket a, DatagramSocket b, SocketAddress toB,
            PrintStream out) throws IOException {
        // tag::boundaries[]
        a.send(new DatagramPacket("hello".getBytes(US_ASCII), 5, toB));
        a.send(new DatagramPacket("world".getBytes(US_ASCII), 5, toB));
        String first = receive(b);
        String second = receive(b);
        // end::boundaries[]
        out.println("1. Two sends arrive as two datagrams: \"" + first + "\", then \"" + second + "\"");
    }

    /** An empty datagram is sent and received: receive() returns with a length of 0. */
    static void emptyDatagrams(DatagramSocket a, DatagramSocket b, SocketAddress toB,
            PrintStream out) throws IOException {
        // tag::empty[]
        a.send(new DatagramPacket(new byte[0], 0, toB));
        var packet = new DatagramPacket(new byte[1024], 1024);
        b.receive(packet); // returns: a datagram has arrived
        // end::empty[]
        out.println("2. An empty datagram arrives: getLength() = " + packet.getLength());
    }

    /** A datagram longer than the buffer is cut to fit, without an error, and the rest is gone. */
    static void truncation(DatagramSocket a, DatagramSocket b, SocketAddress toB,
            PrintStream out) throws IOException {
        // tag::truncation[]
        a.send(new DatagramPacket(new byte[2000], 2000, toB));
        var packet = new DatagramPacket(new byte[1024], 1024);
        b.receive(packet); // no exception, no warning
        int length = packet.getLength(); // 1024: the rest is gone
        String next = receive(b); // the next datagram, if any
        // end::truncation[]
        out.println("3. 2000 bytes sent, a 1024-byte buffer: getLength() = " + length
                + "; the next receive() gets " + next);
    }

    /** 65,507 bytes fit in one datagram over IPv4; one more byte, and send() throws. */
    static void sizeLimit(DatagramSocket a, DatagramSocket b, SocketAddress toB,
            PrintStream out) throws IOException {
        // tag::limit[]
        a.send(new DatagramPacket(new byte[65_507], 65_507, toB));
        var largest = new DatagramPacket(new byte[65_535], 65_535);
        b.receive(largest); // arrives whole: getLength() is 65,507
        String oneMore;
        try {
            byte[] tooLong = new byte[65_508];
            a.send(new DatagramPacket(tooLong, tooLong.length, toB));
            oneMore = "sent as well (not over IPv4, then)";
        } catch (IOException e) {
            oneMore = e.toString(); // the message comes from the OS
        }
        // end::limit[]
        out.println("4. 65,507 bytes: sent, and " + largest.getLength() + " received; 65,508: " + oneMore);
    }

    /** Sending to a port where nothing listens: silence, unless the socket is connected. */
    static void noServer(PrintStream out) throws IOException {
        SocketAddress nobody;
        try (DatagramSocket gone = open()) {
            nobody = gone.getLocalSocketAddress(); // free a moment ago
        }
        // tag::unreachable[]
        try (DatagramSocket s = open()) { // not connected
            s.send(new DatagramPacket(new byte[] {'?'}, 1, nobody));
            out.println("5. Unconnected: " + receive(s));
        }
        try (DatagramSocket s = open()) {
            s.connect(nobody); // sends nothing: sets a peer
            s.send(new DatagramPacket(new byte[] {'?'}, 1));
            out.println("   Connected:   " + receive(s));
        }
        // end::unreachable[]
    }

    /** The next datagram as text, or what happened instead within PATIENCE_MS. */
    private static String receive(DatagramSocket socket) {
        DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
        try {
            socket.setSoTimeout(PATIENCE_MS);
            socket.receive(packet);
            return new String(packet.getData(), packet.getOffset(), packet.getLength(), UTF_8);
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
