package workbook.socketserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * "What if 10,000 clients come?": opens many connections to an echo server, has each one answered
 * once, leaves them all idle, and then times one more client.
 *
 * <pre>
 *   ManyClients 8080 2000
 *   2000 idle clients connected, each answered once (1.9 s)
 *   a new client was answered in 0.4 ms while they wait
 * </pre>
 * With a thread per client the new client is served at once; with lesson 01's server, or a pool
 * smaller than the crowd, it waits until someone leaves (here: up to 2 s, then it gives up).
 * Each connection is a file descriptor on both sides: raise {@code ulimit -n} for big crowds.
 */
public final class ManyClients {

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MS = 2_000;

    private ManyClients() {
    }

    /** Sends "ping" and waits for the 4 bytes of "PING". */
    private static void pingPong(Socket socket) throws IOException {
        socket.getOutputStream().write(PING);
        byte[] reply = socket.getInputStream().readNBytes(PING.length);
        if (reply.length < PING.length) {
            throw new IOException("the server hung up");
        }
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    /**
     * @param args optional: the server's port (default 8080), then how many idle clients (default 500)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        List<Socket> idle = new ArrayList<>();
        int answered = 0;
        try {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Socket socket = connect(server);
                idle.add(socket);
                pingPong(socket);
                answered++;
            }
            System.out.printf("%d idle clients connected, each answered once (%.1f s)%n", count,
                    (System.nanoTime() - start) / 1e9);
            try (Socket newcomer = connect(server)) {
                long t0 = System.nanoTime();
                pingPong(newcomer);
                System.out.printf("a new client was answered in %.1f ms while they wait%n",
                        (System.nanoTime() - t0) / 1e6);
            }
        } catch (IOException e) {
            System.out.println(answered + " clients were answered; client " + (answered + 1) + " was not: "
                    + ErrorLog.describe(e) + " (a server that serves one client at a time, or a full pool, stops here)");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }
}
