package workbook.udp;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chat room over UDP, the seeds' little "QQ": each message goes to every other member, labelled with its sender.
 *
 * <p>A member is anyone who has sent the room a datagram; an empty datagram joins without saying
 * anything. The label is the sender's address, the only name UDP knows.
 * <pre>
<!-- tag::wire-format[] -->
  to the room:   the message, any bytes
                 (an empty datagram only joins)
  from the room: a label, then the message byte for byte

  BEFORE: 2 bytes from 127.0.0.1:50123
  +----+----+
  |'h' |'i' |
  +----+----+
  AFTER: 20 bytes to every other member
  +----+-----------------+----+----+----+----+
  |'[' | 127.0.0.1:50123 |']' |' ' |'h' |'i' |
  +----+-----------------+----+----+----+----+
  |------- label: 18 bytes --------| message |
<!-- end::wire-format[] -->
 * </pre>
 * Methods for the caller: {@link #bind}, {@link #port}, {@link #serveForever}, {@link #close}.
 * The room holds at most {@value #MAX_MEMBERS} members: a newcomer beyond that makes it forget the
 * one it has not heard from for the longest time, so no sender can make it grow without bound.
 */
public final class ChatServer implements Closeable {

    /** Room for the largest datagram there can be. */
    static final int BUFFER_SIZE = 65_535;
    /** The largest datagram that can be sent over IPv4. */
    static final int MAX_DATAGRAM = 65_507;
    static final int MAX_MEMBERS = 100;
    private static final int DEFAULT_PORT = 8081;

    private final DatagramSocket socket;
    /** The members, in the order they were last heard from (access order): the longest silent first. */
    private final Map<InetSocketAddress, Boolean> members = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Boolean> eldest) {
            return size() > MAX_MEMBERS;
        }
    };

    private ChatServer(DatagramSocket socket) {
        this.socket = socket;
    }

    /** Opens the room's socket on the given address; port 0 lets the operating system pick a free port. */
    public static ChatServer bind(InetSocketAddress address) throws IOException {
        return new ChatServer(new DatagramSocket(address));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Relays messages until the server is closed. */
    public void serveForever() throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            if (!receiveOrClosed(packet)) {
                return;
            }
            InetSocketAddress sender = (InetSocketAddress) packet.getSocketAddress();
            if (members.put(sender, Boolean.TRUE) == null) {
                ServerLog.note("chat", sender, "joined (" + members.size() + " in the room)");
            }
            if (packet.getLength() > 0) {
                relay(sender, packet);
            }
        }
    }

    /** Sends the message, labelled, to every member but its sender. */
    private void relay(InetSocketAddress sender, DatagramPacket packet) {
        String label = "[" + show(sender) + "] "; // ASCII only: one byte per character
        int length = label.length() + packet.getLength();
        if (length > MAX_DATAGRAM) {
            tellTooLong(sender, packet.getLength(), MAX_DATAGRAM - label.length());
            return;
        }
        // tag::starter-relay[]
        // TODO(step 3): The same trap as in UdpUpperServer: getData() is the whole
        //  reused buffer, so a short message after a long one carries the long one's
        //  tail. Relay exactly this datagram's bytes after the label: bytes, not text.
        String text = new String(packet.getData()).trim(); // trim(): drop the zeros
        byte[] message = (label + text).getBytes();
        // end::starter-relay[]
        for (InetSocketAddress member : members.keySet()) {
            if (!member.equals(sender)) {
                sendOrLog(message, member);
            }
        }
        ServerLog.note("chat", sender, packet.getLength() + " bytes relayed (" + members.size() + " in the room)");
    }

    private void tellTooLong(InetSocketAddress sender, int size, int limit) {
        String notice = "[server] message too long: " + size + " bytes, at most " + limit + " fit with your label";
        sendOrLog(notice.getBytes(StandardCharsets.UTF_8), sender);
    }

    private boolean receiveOrClosed(DatagramPacket packet) throws IOException {
        while (true) {
            try {
                socket.receive(packet);
                return true;
            } catch (PortUnreachableException e) {
                continue; // only a connected socket hears of those: ignore
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** A member that left long ago makes a send fail at worst: that is no reason to stop the room. */
    private void sendOrLog(byte[] message, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(message, message.length, to));
        } catch (IOException e) {
            ServerLog.note("chat", to, "could not be reached: " + Reasons.of(e));
        }
    }

    /** Closes the socket, so that {@link #serveForever} returns. */
    @Override
    public void close() {
        socket.close();
    }

    static String show(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /**
     * Runs the room until Ctrl-C.
     *
     * @param args optional: a port (default 8081), then an address to bind (default 127.0.0.1)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        InetAddress host = args.length > 1 ? InetAddress.getByName(args[1]) : InetAddress.getLoopbackAddress();
        ChatServer server;
        try {
            server = bind(new InetSocketAddress(host, port));
        } catch (SocketException e) {
            System.err.println("Cannot receive on UDP " + host.getHostAddress() + ":" + port + " (" + Reasons.of(e)
                    + "). Is another server still running? Pick another port: -Dport=8082");
            System.exit(1);
            return;
        }
        System.out.println("ChatServer relaying on UDP " + host.getHostAddress() + ":" + server.port()
                + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.serveForever();
    }
}
