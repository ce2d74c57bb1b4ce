package workbook.socketserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The interactive client for both echo servers: reads a line at the {@code >>: } prompt, sends it
 * over TCP (one connection for the whole session) or UDP (one datagram per line), prints the reply.
 *
 * <pre>
 *   >>: hello
 *   HELLO
 *   >>:            (Ctrl-D ends the input)
 * </pre>
 * Start several at once: each one gets its own handler thread on the server.
 */
public final class EchoClient {

    static final String PROMPT = ">>: ";
    private static final int TIMEOUT_MS = 2_000;

    private EchoClient() {
    }

    /** A way to send one line and get its reply. */
    private interface Exchange {
        byte[] send(byte[] message) throws IOException;
    }

    /**
     * Talks to the server until the keyboard input ends.
     *
     * @return the exit code: 0 after the input ended, 1 if the server could not be reached or left
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, InetSocketAddress server,
            boolean udp) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        try (Socket tcp = udp ? null : connect(server); DatagramSocket datagrams = udp ? new DatagramSocket() : null) {
            Exchange exchange = udp ? message -> overUdp(datagrams, server, message) : message -> overTcp(tcp, message);
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0; // the input ended: hang up
                }
                if (line.isBlank()) {
                    continue; // an empty TCP write sends nothing, so no reply would come
                }
                byte[] reply = exchange.send(line.strip().getBytes(StandardCharsets.UTF_8));
                out.println(reply == null ? "(no reply within " + TIMEOUT_MS / 1000 + " s)"
                        : new String(reply, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            err.println("Lost the server at " + server + ": " + ErrorLog.describe(e) + ". Is it running?");
            return 1;
        }
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, TIMEOUT_MS);
        return socket;
    }

    /** One write, one read: enough for short lines on one machine (lesson 02 says why not in general). */
    private static byte[] overTcp(Socket socket, byte[] message) throws IOException {
        socket.getOutputStream().write(message);
        byte[] buffer = new byte[4096];
        int n = socket.getInputStream().read(buffer);
        if (n == -1) {
            throw new IOException("the server closed the connection");
        }
        return java.util.Arrays.copyOf(buffer, n);
    }

    /** One datagram out, one back, or null if none came in time (UDP may lose either). */
    private static byte[] overUdp(DatagramSocket socket, InetSocketAddress server, byte[] message)
            throws IOException {
        socket.send(new DatagramPacket(message, message.length, server));
        DatagramPacket reply = new DatagramPacket(new byte[Datagram.MAX_SIZE], Datagram.MAX_SIZE);
        socket.setSoTimeout(TIMEOUT_MS);
        try {
            socket.receive(reply);
            return java.util.Arrays.copyOf(reply.getData(), reply.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /**
     * Runs the client on the terminal.
     *
     * @param args optional: a port (default 8080), then {@code tcp} (the default) or {@code udp}
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        boolean udp = args.length > 1 && args[1].equalsIgnoreCase("udp");
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        System.exit(run(System.in, System.out, System.err, server, udp));
    }
}
