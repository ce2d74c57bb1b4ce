package workbook.framing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Sticky packets (粘包) on purpose: two messages that come out of one read, and a long reply that
 * leaks into the next one; then the same exchanges with a length in front of every message.
 *
 * <pre>
 *   mvn -q compile exec:exec@demo -pl lesson02 -Ddemo.main=workbook.framing.StickyDemo
 * </pre>
 * It prints the same on every run, because nothing in it depends on timing. One thread plays
 * both ends of a loopback connection, and after every send it waits until all the bytes
 * sent so far are in the receive buffer (it watches {@code available()}). A read then returns
 * whatever is buffered, up to the size of the array it was given: {@code "hello"} and
 * {@code "world"} both sit there, so one read returns both. A real program gets into the
 * same state by accident, when the receiver is busy for a moment (another task, a garbage
 * collection, a slow network), which is why the bug seems to come and go.
 */
public final class StickyDemo {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORLD = "world".getBytes(StandardCharsets.US_ASCII);
    /** The two commands of the second demonstration: a 3000-byte output, then a 4-byte one. */
    static final List<String> COMMANDS = List.of("head 3000 big.txt", "size poem.txt");

    private StickyDemo() {
    }

    /** Two writes, "hello" and "world"; one read of up to 1024 bytes once both arrived. What did it return? */
    // tag::two-writes[]
    static List<byte[]> twoWritesOneRead() throws IOException {
        try (Connection c = Connection.open()) {
            // Two writes, "hello" then "world"; the receiver
            // is busy until both have arrived.
            c.send(c.client, HELLO, WORLD);
            byte[] buffer = new byte[1024];
            int n = c.server.in.read(buffer);  // one read
            return List.of(Arrays.copyOf(buffer, n));
        }
    }
    // end::two-writes[]

    /** The same two messages as two frames, read with {@link FrameReader} until the sender's end of stream. */
    static List<byte[]> twoFramesTwoMessages() throws IOException {
        try (Connection c = Connection.open()) {
            c.send(c.client, FrameWriter.encode(HELLO), FrameWriter.encode(WORLD));
            c.client.socket.shutdownOutput(); // so that a reader wanting more sees the end instead of waiting
            FrameReader reader = new FrameReader(c.server.in, 1024);
            List<byte[]> messages = new ArrayList<>();
            for (Optional<byte[]> m; (m = reader.readFrame()).isPresent(); ) {
                messages.add(m.get());
            }
            return messages;
        }
    }

    /** The naive protocol: a command is one read, its output goes back as it is, a reply is one read(1024). */
    static List<byte[]> repliesWithoutLength() throws IOException {
        Commands commands = new Commands();
        List<byte[]> replies = new ArrayList<>();
        byte[] buffer = new byte[1024];
        try (Connection c = Connection.open()) {
            for (String command : COMMANDS) {
                c.send(c.client, command.getBytes(StandardCharsets.UTF_8));
                int n = c.server.in.read(buffer);
                c.send(c.server, commands.run(new String(buffer, 0, n, StandardCharsets.UTF_8)));
                n = c.client.in.read(buffer); // one read(1024) per reply
                replies.add(Arrays.copyOf(buffer, n));
            }
        }
        return replies;
    }

    /** The same two commands with frames both ways ({@link FrameWriter#encode}, {@link FrameReader}). */
    static List<byte[]> repliesWithLength() throws IOException {
        Commands commands = new Commands();
        List<byte[]> replies = new ArrayList<>();
        try (Connection c = Connection.open()) {
            FrameReader fromClient = new FrameReader(c.server.in, CommandServer.MAX_COMMAND_LENGTH);
            FrameReader fromServer = new FrameReader(c.client.in, CommandClient.MAX_REPLY_LENGTH);
            for (String command : COMMANDS) {
                c.send(c.client, FrameWriter.encode(command.getBytes(StandardCharsets.UTF_8)));
                byte[] received = fromClient.readFrame().orElseThrow();
                c.send(c.server, FrameWriter.encode(commands.run(new String(received, StandardCharsets.UTF_8))));
                replies.add(fromServer.readFrame().orElseThrow());
            }
        }
        return replies;
    }

    public static void main(String[] args) throws IOException {
        demonstrate(System.out);
    }

    /** Runs both demonstrations and prints what they show: the output the lesson text quotes. */
    static void demonstrate(PrintStream out) throws IOException {
        out.println("Sticky packets (粘包), shown on purpose: every run prints the same.");
        out.println();
        out.println("1. The sender writes \"hello\", then \"world\": two writes.");
        out.println("   The receiver reads once both have arrived.");
        out.println("     unframed, read(1024):  " + show(twoWritesOneRead()) + "  <- glued");
        out.println("     framed, readFrame():   " + show(twoFramesTwoMessages()));
        out.println();
        out.println("2. The client sends \"" + COMMANDS.get(0) + "\" (a 3000-byte output), then \""
                + COMMANDS.get(1) + "\".");
        List<byte[]> raw = repliesWithoutLength();
        List<byte[]> framed = repliesWithLength();
        String[] notes = {"  <- its start", "  <- from reply 1"};
        for (int i = 0; i < COMMANDS.size(); i++) {
            out.println("   reply to \"" + COMMANDS.get(i) + "\":");
            out.println("     unframed, read(1024):  " + show(List.of(raw.get(i))) + notes[i]);
            out.println("     framed, readFrame():   " + show(List.of(framed.get(i))));
        }
        out.println();
        out.println("Without a length, the rest of the first output (1976 bytes) is still in the stream,");
        out.println("and every later reply will be read out of step.");
    }

    /** Messages as a student reads them: each quoted, with its size, long ones shortened in the middle. */
    static String show(List<byte[]> messages) {
        List<String> shown = new ArrayList<>();
        for (byte[] m : messages) {
            String text = new String(m, StandardCharsets.UTF_8).replace("\n", "\\n");
            if (text.length() > 32) {
                text = text.substring(0, 18) + " ... " + text.substring(text.length() - 9);
            }
            shown.add("\"" + text + "\" (" + m.length + " bytes)");
        }
        return String.join(", ", shown);
    }

    /** Both ends of one loopback connection, in this one thread. */
    private static final class Connection implements Closeable {
        private static final int PATIENCE_MS = 2_000;
        final End client;
        final End server;

        private Connection(End client, End server) {
            this.client = client;
            this.server = server;
        }

        static Connection open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                try {
                    return new Connection(new End(client), new End(listener.accept()));
                } catch (IOException e) {
                    client.close();
                    throw e;
                }
            }
        }

        /** Writes each piece with a write() of its own, then waits until all of them are in the peer's receive buffer. */
        void send(End from, byte[]... pieces) throws IOException {
            End to = from == client ? server : client;
            int waiting = to.in.available(); // all earlier bytes arrived: we waited for them
            for (byte[] piece : pieces) {
                from.out.write(piece);
                waiting += piece.length;
            }
            awaitAvailable(to.in, waiting);
        }

        /** Waits until {@code count} bytes can be read from {@code in} without blocking. */
        private static void awaitAvailable(InputStream in, int count) throws IOException {
            long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000L;
            while (in.available() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the bytes sent never all arrived: the demo gives up");
                }
                LockSupport.parkNanos(100_000); // 0.1 ms
            }
        }

        @Override
        public void close() throws IOException {
            try (Socket a = client.socket; Socket b = server.socket) {
                // closes both
            }
        }
    }

    /** One end of the connection: its socket and streams. */
    private static final class End {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        End(Socket socket) throws IOException {
            this.socket = socket;
            // A demo must never hang, even on a half-finished starter.
            socket.setSoTimeout(Connection.PATIENCE_MS);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }
    }
}
