package workbook.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
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
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
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
        tap.spawn("accept", tap::acceptLoop);
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
                sockets.add(client);
                Socket server = new Socket();
                sockets.add(server);
                server.connect(Loopback.address(targetPort), (int) Timeouts.REPLY.toMillis());
                spawn("up", () -> pump(client, server, toServer));
                spawn("down", () -> pump(server, client, toClient));
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
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void spawn(String role, Runnable body) {
        Thread t = new Thread(body, "wire-tap-" + role);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws InterruptedException {
        closeQuietly(listener);
        sockets.forEach(WireTap::closeQuietly);
        for (Thread t : threads) {
            t.join(Timeouts.SHUTDOWN.toMillis());
            if (t.isAlive()) {
                throw new IllegalStateException("Gave up waiting for the wire tap's thread " + t.getName());
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // cleaning up
        }
    }
}
