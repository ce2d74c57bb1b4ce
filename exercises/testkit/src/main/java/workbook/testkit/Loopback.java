package workbook.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loopback addresses and client sockets for checks: port 0 to bind, timeouts on everything.
 *
 * <p>Checks bind port 0 (the operating system picks a free port) so that two builds, or a
 * student's demo left running on 8080, can never make a check fail.
 */
public final class Loopback {

    private Loopback() {
    }

    /** The loopback address (127.0.0.1) with the given port; 0 means "any free port" when binding. */
    public static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** An address on loopback for a server to bind: port 0. */
    public static InetSocketAddress anyPort() {
        return address(0);
    }

    /**
     * Connects to a loopback port, with connect and read timeouts of {@link Timeouts#REPLY},
     * so a silent peer makes the check fail instead of hang.
     *
     * <p>While a {@link LeakCheck} watches the check, closing this socket hangs up (sends end of
     * stream) and the leak check later expects the other side to close its end too.
     */
    public static Socket connect(int port) throws IOException {
        Socket socket = new HangUps.ClientSocket(); // LeakCheck watches that the other side closes, too
        try {
            socket.connect(address(port), (int) Timeouts.REPLY.toMillis());
            socket.setSoTimeout((int) Timeouts.REPLY.toMillis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A loopback port where nothing listens (a port 0 binding, released at once): connecting
     * to it is refused.
     */
    public static int refusedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the socket with a reset (RST) instead of the polite FIN: SO_LINGER with a zero timeout
     * makes close() discard unsent data and abort the connection, like a crashed client.
     */
    public static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
