package workbook.framing;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * both ends of a loopback connection, and before every read it waits until all the bytes
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
            c.client.out.write(HELLO);         // write #1
            c.client.out.write(WORLD);         // write #2
            // The receiver is busy until both have arrived.
            c.server.awaitAllSentBy(c.client);
            byte[] buffer = new byte[1024];
            int n = c.server.in.read(buffer);  // read #1
            return List.of(Arrays.copyOf(buffer, n));
        }
    }
    // end::two-writes[]

    /** The same two messages as two frames, read with {@link FrameReader} until the sender's end of stream. */
    static List<byte[]> twoFramesTwoMessages() throws IOException {
        try (Connection c = Connection.open()) {
            FrameWriter writer = new FrameWriter(c.client.out);
            writer.writeFrame(HELLO);
            writer.writeFrame(WORLD);
            c.client.socket.shutdownOutput(); // so that a reader wanting more sees the end instead of waiting
            c.server.awaitAllSentBy(c.client);
            FrameReader reader = new FrameReader(c.server.in, 1024);
            List<byte[]> messages = new ArrayList<>();
            for (Optional<byte[]> m; (m = reader.readFrame()).isPresent(); ) {
                messages.add(m.get());
            }
            return messages;
        }
    }

    /** The seeds' protocol: a command is one read, its output goes back as it is, a reply is one read(1024). */
    static List<byte[]> repliesWithoutLength() throws IOException {
        Commands commands = new Commands();
        List<byte[]> replies = new ArrayList<>();
        byte[] buffer = new byte[1024];
        try (Connection c = Connection.open()) {
            for (String command : COMMANDS) {
                c.client.out.write(command.getBytes(StandardCharsets.UTF_8));
                c.server.awaitAllSentBy(c.client);
                int n = c.server.in.read(buffer);
                c.server.out.write(commands.run(new String(buffer, 0, n, StandardCharsets.UTF_8)));
                c.client.awaitAllSentBy(c.server);
                n = c.client.in.read(buffer); // one read(1024) per reply
                replies.add(Arrays.copyOf(buffer, n));
            }
        }
        return replies;
    }

    /** The same two commands with frames both ways ({@link FrameWriter}, {@link FrameReader}). */
    static List<byte[]> repliesWithLength() throws IOException {
        Commands commands = new Commands();
        List<byte[]> replies = new ArrayList<>();
        try (Connection c = Connection.open()) {
            FrameWriter toServer = new FrameWriter(c.client.out);
            FrameReader fromClient = new FrameReader(c.server.in, CommandServer.MAX_COMMAND_LENGTH);
            FrameWriter toClient = new FrameWriter(c.server.out);
            FrameReader fromServer = new FrameReader(c.client.in, CommandClient.MAX_REPLY_LENGTH);
            for (String command : COMMANDS) {
                toServer.writeFrame(command.getBytes(StandardCharsets.UTF_8));
                c.server.awaitAllSentBy(c.client);
                byte[] received = fromClient.readFrame().orElseThrow();
                toClient.writeFrame(commands.run(new String(received, StandardCharsets.UTF_8)));
                c.client.awaitAllSentBy(c.server);
                replies.add(fromServer.readFrame().orElseThrow());
            }
        }
        return replies;
    }

    public static void main(String[] args) throws IOException {
        System.out.println("Sticky packets (粘包), shown on purpose: every run prints the same.");
        System.out.println();
        System.out.println("1. The sender writes \"hello\", then \"world\": two writes.");
        System.out.println("   The receiver reads once both have arrived.");
        System.out.println("     unframed, read(1024):  " + show(twoWritesOneRead()) + "  <- glued");
        System.out.println("     framed, readFrame():   " + show(twoFramesTwoMessages()));
        System.out.println();
        System.out.println("2. The client sends \"" + COMMANDS.get(0) + "\" (a 3000-byte output), then \""
                + COMMANDS.get(1) + "\".");
        List<byte[]> raw = repliesWithoutLength();
        List<byte[]> framed = repliesWithLength();
        String[] notes = {"  <- its start", "  <- from reply 1"};
        for (int i = 0; i < COMMANDS.size(); i++) {
            System.out.println("   reply to \"" + COMMANDS.get(i) + "\":");
            System.out.println("     unframed, read(1024):  " + show(List.of(raw.get(i))) + notes[i]);
            System.out.println("     framed, readFrame():   " + show(List.of(framed.get(i))));
        }
        System.out.println();
        System.out.println("Without a length, the rest of the first output (1976 bytes) is still in the stream,");
        System.out.println("and every later reply will be read out of step.");
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

        @Override
        public void close() throws IOException {
            try (Socket a = client.socket; Socket b = server.socket) {
                // closes both
            }
        }
    }

    /** One end of the connection, counting the bytes it has written and read. */
    private static final class End {
        private static final int PATIENCE_MS = 2_000;
        final Socket socket;
        long written;
        long read;
        final OutputStream out;
        final InputStream in;

        End(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(PATIENCE_MS); // a demo must never hang, even on a half-finished starter
            this.out = new FilterOutputStream(socket.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    written += len;
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
            this.in = new FilterInputStream(socket.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    read += Math.max(n, 0);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
                }
            };
        }

        /** Waits until every byte the peer has written so far is in this end's receive buffer. */
        void awaitAllSentBy(End peer) throws IOException {
            long deadline = System.nanoTime() + PATIENCE_MS * 1_000_000L;
            while (socket.getInputStream().available() < peer.written - read) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the bytes sent never all arrived: the demo gives up");
                }
                LockSupport.parkNanos(100_000); // 0.1 ms
            }
        }
    }
}
