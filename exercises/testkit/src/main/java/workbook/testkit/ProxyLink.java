package workbook.testkit;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** The two sockets of one connection through a {@link FragmentingProxy}: closed when both directions are done. */
final class ProxyLink {
    private final Socket client;
    private final Socket server;
    private final AtomicInteger open = new AtomicInteger(2);

    ProxyLink(Socket client, Socket server) {
        this.client = client;
        this.server = server;
    }

    /** One direction passed on its end of stream; the second one closes both sockets. */
    void directionDone() {
        if (open.decrementAndGet() == 0) {
            FixtureThreads.closeQuietly(client);
            FixtureThreads.closeQuietly(server);
        }
    }

    /** Something broke (or the plan says reset): abort both sides so each sees a reset. */
    void reset() {
        abort(client);
        abort(server);
    }

    /** Closes with a reset (RST), quietly: the socket may be closed already. */
    static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        FixtureThreads.closeQuietly(socket);
    }
}
