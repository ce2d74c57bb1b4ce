package workbook.ftp;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One passive data connection: the server listens on a fresh port, tells the client where
 * (PASV or EPSV), and the client connects to it for the next LIST, RETR or STOR.
 *
 * <pre>
 *   client                              server
 *   EPSV                  ──control──▶
 *                         ◀──control──  229 Entering Extended Passive Mode (|||50007|)
 *   connect to port 50007 ───data────▶  accept
 *   RETR a.bin            ──control──▶
 *                         ◀──control──  150 Opening data connection.
 *                         ◀───data────  the file's bytes, then close: end of data = end of file
 *                         ◀──control──  226 Transfer complete.
 * </pre>
 * Passive only: in active mode (PORT) the server would connect to an address the client names,
 * which firewalls and NAT block, and which an attacker can point at a third machine (the FTP
 * bounce attack). The listening socket is a {@link ServerSocketChannel}, so that what it accepts
 * is a {@link SocketChannel}: {@link java.nio.channels.FileChannel#transferTo} can then hand a
 * download to the kernel (sendfile) without copying it through Java.
 */
final class PassiveDataChannel implements AutoCloseable {

    private final ServerSocketChannel listener;
    private final InetAddress client;

    private PassiveDataChannel(ServerSocketChannel listener, InetAddress client) {
        this.listener = listener;
        this.client = client;
    }

    /**
     * Listens on {@code local} at a free port of {@code from..to} (any free port if both are 0),
     * for a connection from {@code client} only.
     */
    static PassiveDataChannel open(InetAddress local, int from, int to, InetAddress client) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            if (from == 0) {
                listener.bind(new InetSocketAddress(local, 0), 1);
            } else {
                bindInRange(listener, local, from, to);
            }
            return new PassiveDataChannel(listener, client);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** Tries each port once, from a random start, so that sessions do not all fight over the first. */
    private static void bindInRange(ServerSocketChannel listener, InetAddress local, int from, int to)
            throws IOException {
        int count = to - from + 1;
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            try {
                listener.bind(new InetSocketAddress(local, from + (start + i) % count), 1);
                return;
            } catch (BindException e) {
                // taken: try the next one
            }
        }
        throw new BindException("every passive port from " + from + " to " + to + " is taken");
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** The text of the PASV reply (RFC 959): the address as 4 numbers, the port as 2, p1 * 256 + p2. */
    static String pasvText(Inet4Address address, int port) {
        byte[] a = address.getAddress();
        return String.format(Locale.ROOT, "Entering Passive Mode (%d,%d,%d,%d,%d,%d).",
                a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff, port / 256, port % 256);
    }

    /** The text of the EPSV reply (RFC 2428): only the port, the client reuses the control address. */
    static String epsvText(int port) {
        return "Entering Extended Passive Mode (|||" + port + "|)";
    }

    /**
     * Waits up to {@code timeout} for the client to connect. A connection from another address
     * is closed and refused: otherwise anyone who guessed the port could steal the data.
     */
    SocketChannel accept(Duration timeout) throws IOException {
        listener.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket socket;
        try {
            socket = listener.socket().accept();
        } catch (SocketTimeoutException e) {
            throw new IOException("the client did not open the data connection within " + timeout.toSeconds() + " s");
        }
        if (!socket.getInetAddress().equals(client)) {
            socket.close();
            throw new IOException("data connection from " + socket.getInetAddress() + ", not from the client");
        }
        return socket.getChannel();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
