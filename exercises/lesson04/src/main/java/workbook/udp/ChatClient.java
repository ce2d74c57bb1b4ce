package workbook.udp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The interactive client for {@link ChatServer}: what you type goes to the room, and what the others say
 * appears as soon as it arrives.
 *
 * <pre>
 *   >>: hi all
 *   [127.0.0.1:50124] hello, who is there?
 *   >>:            (Ctrl-D leaves)
 * </pre>
 * It waits for two things at once, the keyboard and the network, and one thread cannot block in
 * {@code readLine()} and {@code receive()} at the same time. So a second thread receives and
 * prints, while the first reads the keyboard and sends. (The seeds' "QQ" client sends, then waits
 * for one reply: the others' messages show up only after you type, and one per line typed.)
 *
 * <p>Its socket is not connected, unlike {@link UdpUpperClient}'s: it joins with an empty
 * datagram, and a connected Java socket does not send empty datagrams (JDK 17 to 25 drop them
 * without a word). So it checks the sender of each datagram itself.
 */
public final class ChatClient {

    static final String PROMPT = ">>: ";
    private static final int BUFFER_SIZE = 65_535;
    private static final long RECEIVER_STOP_MS = 1_000;

    private ChatClient() {
    }

    /**
     * Joins the room at {@code server} and chats until the keyboard input ends.
     *
     * @return the exit code: 0 after the input ended, 1 if the network failed
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, InetSocketAddress server) {
        if (server.isUnresolved()) {
            err.println("Unknown host: " + server.getHostString());
            return 1;
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            // tag::threads[]
            Runnable printer = () -> printIncoming(socket, server, out);
            Thread receiver = new Thread(printer, "chat-receiver");
            receiver.start();
            try {
                send(socket, new byte[0], server); // join: empty is ok
                out.println(joined(server));
                typeAndSend(keyboard, out, err, socket, server);
            } finally {
                socket.close(); // ends the receiver's receive()
                join(receiver);
            }
            // end::threads[]
        } catch (IOException e) {
            err.println("Chat failed: " + Reasons.of(e));
            return 1;
        }
        return 0; // the input ended: we left
    }

    private static String joined(InetSocketAddress server) {
        return "Joined the room at " + ChatServer.show(server) + ". Type a message; Ctrl-D leaves.";
    }

    /** The main thread: reads the keyboard and sends each line as one datagram, until the input ends. */
    private static void typeAndSend(InputStream keyboard, PrintStream out, PrintStream err, DatagramSocket socket,
            InetSocketAddress server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        while (true) {
            out.print(PROMPT); // System.out shows it at once, line end or not
            String line = lines.readLine();
            if (line == null) {
                out.println();
                return; // input ended: leave
            }
            byte[] message = line.strip().getBytes(StandardCharsets.UTF_8);
            if (message.length == 0) {
                continue; // nothing to say
            }
            if (message.length > ChatServer.MAX_DATAGRAM) {
                err.println("Too long for one datagram: " + message.length + " bytes.");
                continue;
            }
            send(socket, message, server);
        }
    }

    /** The receiver thread: prints every datagram from the room as it arrives, until the socket is closed. */
    private static void printIncoming(DatagramSocket socket, InetSocketAddress server, PrintStream out) {
        byte[] buffer = new byte[BUFFER_SIZE];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            // tag::receive[]
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // the socket was closed: we are leaving
            }
            if (!server.equals(packet.getSocketAddress())) {
                continue; // not from the room: anyone may send to us
            }
            String text = new String(packet.getData(),
                    packet.getOffset(), packet.getLength(), UTF_8);
            // \r: back to the start of the line, over the prompt.
            out.print("\r" + text + "\n" + PROMPT);
            // end::receive[]
        }
    }

    private static void send(DatagramSocket socket, byte[] message, InetSocketAddress server) throws IOException {
        socket.send(new DatagramPacket(message, message.length, server));
    }

    private static void join(Thread receiver) {
        try {
            receiver.join(RECEIVER_STOP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the client on the terminal.
     *
     * @param args optional: a port (default 8081), then a host (default 127.0.0.1)
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        System.exit(run(System.in, System.out, System.err, new InetSocketAddress(host, port)));
    }
}
