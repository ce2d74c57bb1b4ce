package workbook.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.FixtureThreads;
import workbook.testkit.Loopback;
import workbook.testkit.Timeouts;

/**
 * An eavesdropper on loopback: a proxy that forwards every byte unchanged and keeps a copy of
 * each direction, so a check can look for the key on the wire.
 *
 * <pre>
 *   client ──▶ tap (port()) ──▶ server (targetPort)      toServer() and toClient() hold the copies
 * </pre>
 */
final class WireTap implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    /** Its sockets and threads, stopped together on close (a thread that does not stop fails the check, named). */
    private final FixtureThreads threads = new FixtureThreads("wire-tap");
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();

    private WireTap(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    static WireTap start(int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(Loopback.anyPort());
        WireTap tap = new WireTap(listener, targetPort);
        tap.threads.register(listener);
        tap.threads.start("accept", tap::acceptLoop);
        Diagnostics.note(() -> "The wire tap saw, client to server:\n" + Peer.indent(Bytes.show(tap.toServer()))
                + "and server to client:\n" + Peer.indent(Bytes.show(tap.toClient())));
        return tap;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Every byte the clients sent, all connections joined. */
    byte[] toServer() {
        synchronized (toServer) {
            return toServer.toByteArray();
        }
    }

    /** Every byte the server sent, all connections joined. */
    byte[] toClient() {
        synchronized (toClient) {
            return toClient.toByteArray();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                if (!threads.register(client) || !threads.register(server)) {
                    return; // closing: both were closed at once
                }
                server.connect(Loopback.address(targetPort), (int) Timeouts.REPLY.toMillis());
                threads.start("up", () -> pump(client, server, toServer));
                threads.start("down", () -> pump(server, client, toClient));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) != -1; ) {
                synchronized (copy) {
                    copy.write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            FixtureThreads.closeQuietly(from);
            FixtureThreads.closeQuietly(to);
        }
    }

    /** Closes the listener and every connection, then waits (boundedly) for the tap's threads. */
    @Override
    public void close() {
        threads.close();
    }
}
