package workbook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portable half of {@link LeakCheck}: every program a check talks to must close its side of a
 * connection once the check's client has hung up.
 *
 * <p>A check's client socket ({@link Loopback#connect}) does not really close when the check closes it
 * while a {@link LeakCheck} is watching: it sends its FIN (end of stream) as {@code close()} would, and
 * stays open so that, after the check, {@link #expectClosedByPeers} can read what the other side does.
 * A server that closes the accepted socket makes that read return end of stream (or a reset); a server
 * that forgets to close it leaves the read waiting. This needs no help from the operating system, so it
 * works the same on Windows, macOS and Linux.
 */
final class HangUps {

    private static final List<ClientSocket> HUNG_UP = new ArrayList<>();
    private static final Map<Integer, String> OWNERS = new ConcurrentHashMap<>();
    private static volatile boolean watching;

    private HangUps() {
    }

    /** Starts watching the hang-ups of one check. */
    static synchronized void watch() {
        HUNG_UP.clear();
        OWNERS.clear(); // ports are reused: names are per check
        watching = true;
    }

    /** Names whose program listens on a port, for the report ("your UpperServer"). */
    static void owner(int port, String who) {
        OWNERS.put(port, who);
    }

    /** Who listens on the port, if a fixture said so during this check; null if unknown. */
    static String ownerOf(int port) {
        return OWNERS.get(port);
    }

    /**
     * Waits until {@code deadlineNanos} for the other side of every hung-up connection to close, then
     * really closes the check's sockets. Returns one line per connection the other side never closed.
     */
    static List<String> expectClosedByPeers(long deadlineNanos) {
        List<ClientSocket> sockets;
        synchronized (HangUps.class) {
            watching = false;
            sockets = new ArrayList<>(HUNG_UP);
            HUNG_UP.clear();
        }
        List<String> open = new ArrayList<>();
        for (ClientSocket socket : sockets) {
            if (!socket.awaitEndOfStream(deadlineNanos)) {
                int port = socket.getPort();
                open.add("- " + OWNERS.getOrDefault(port, "the program on port " + port)
                        + " did not close its side of a connection (from the check's port " + socket.getLocalPort()
                        + ") after the check's client had hung up (sent end of stream): once a conversation is"
                        + " over, the socket accept() returned must be closed.");
            }
            socket.reallyClose();
        }
        return open;
    }

    private static synchronized boolean defer(ClientSocket socket) {
        if (!watching) {
            return false;
        }
        HUNG_UP.add(socket);
        return true;
    }

    /** A check's client socket: close() hangs up (FIN) and leaves the rest to {@link #expectClosedByPeers}. */
    static final class ClientSocket extends Socket {
        private boolean hungUp;

        @Override
        public synchronized void close() throws IOException {
            if (hungUp || isClosed()) {
                return;
            }
            if (!isConnected() || isInputShutdown() || getSoLinger() == 0) {
                super.close(); // never connected, or a deliberate reset (SO_LINGER 0): nothing to watch
                return;
            }
            try {
                if (!isOutputShutdown()) {
                    shutdownOutput(); // the FIN that close() would send
                }
            } catch (IOException alreadyGone) {
                super.close();
                return;
            }
            if (!defer(this)) {
                super.close();
                return;
            }
            hungUp = true;
        }

        /** True if the other side closed (end of stream or reset) before the deadline; what it still sent is dropped. */
        boolean awaitEndOfStream(long deadlineNanos) {
            try {
                InputStream in = getInputStream();
                byte[] drop = new byte[8192];
                while (true) {
                    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
                    setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left)));
                    if (in.read(drop) == -1) {
                        return true;
                    }
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException resetOrClosed) {
                return true; // a reset also means that the other side let go of the connection
            }
        }

        /** Closes the socket for good, at once (also used to end a blocked write): no hang-up is watched. */
        synchronized void reallyClose() {
            hungUp = true; // a later close() does nothing more
            try {
                super.close();
            } catch (IOException ignored) {
                // cleaning up
            }
        }
    }
}
