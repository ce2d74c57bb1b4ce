package workbook.udp;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A client for {@link UdpUpperServer} that copes with a network that loses, duplicates and reorders datagrams.
 *
 * <pre>
 *   >>: hello
 *   HELLO
 *   >>:            (Ctrl-D ends the input)
 * </pre>
 * Each request is numbered ({@link SequenceCodec}) and sent; if no reply with that number comes
 * within the timeout, the same datagram is sent again, with twice the wait each time, at most
 * {@code maxTries} times in all; then the client gives up with a {@link NoReplyException}.
 * A reply with any other number is a duplicate or a latecomer from an earlier request, and is
 * dropped. Its socket is connected to the server, so it hears from nobody else.
 */
public final class UdpUpperClient implements Closeable {

    static final String PROMPT = ">>: ";
    static final Duration DEFAULT_FIRST_TIMEOUT = Duration.ofMillis(200);
    static final int DEFAULT_TRIES = 5;
    /** The wait doubles after each try, up to this many times the first wait. */
    private static final int MAX_BACKOFF = 8;
    private static final int BUFFER_SIZE = 65_535;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Duration firstTimeout;
    private final int maxTries;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int nextSequence = 1;
    /** Whether the operating system reported "port unreachable" during the current request. */
    private boolean unreachable;

    private UdpUpperClient(DatagramSocket socket, InetSocketAddress server, Duration firstTimeout, int maxTries) {
        this.socket = socket;
        this.server = server;
        this.firstTimeout = firstTimeout;
        this.maxTries = maxTries;
    }

    /** A client for the server at {@code server}, waiting 200 ms for the first try and trying 5 times. */
    public static UdpUpperClient open(InetSocketAddress server) throws IOException {
        return open(server, DEFAULT_FIRST_TIMEOUT, DEFAULT_TRIES);
    }

    /**
     * A client for the server at {@code server}.
     *
     * @param firstTimeout how long to wait for the reply to the first try; each later try waits twice as long as the
     *                     one before, up to 8 times this
     * @param maxTries     how many times to send a request before giving up, at least 1
     */
    public static UdpUpperClient open(InetSocketAddress server, Duration firstTimeout, int maxTries) throws IOException {
        if (firstTimeout.isNegative() || firstTimeout.isZero()) {
            throw new IllegalArgumentException("firstTimeout must be positive: " + firstTimeout);
        }
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1: " + maxTries);
        }
        if (server.isUnresolved()) {
            throw new UnknownHostException("Unknown host: " + server.getHostString());
        }
        DatagramSocket socket = new DatagramSocket();
        // Connected: the kernel drops datagrams from anyone but the server,
        // and tells us when the server's port is unreachable.
        socket.connect(server);
        return new UdpUpperClient(socket, server, firstTimeout, maxTries);
    }

    /**
     * Sends {@code payload} and returns the server's reply to it: exactly once, whatever the network did.
     *
     * @throws NoReplyException if no reply came after {@code maxTries} tries
     * @throws IllegalArgumentException if the payload does not fit in one datagram
     */
    // tag::starter-request[]
    public byte[] request(byte[] payload) throws IOException {
        int sequence = nextSequence++;
        byte[] datagram = SequenceCodec.encode(sequence, payload);
        unreachable = false;
        // TODO(step 5): If this datagram or its reply is lost, receive() below waits
        //  forever. Wait at most firstTimeout for the reply; if none came, send the
        //  same datagram again and wait twice as long (at most MAX_BACKOFF times
        //  firstTimeout); after maxTries tries, give up with a NoReplyException.
        //  A "port unreachable" from receive() is one more lost try, not the end.
        send(datagram);
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            Optional<byte[]> reply = payloadIfNumbered(packet, sequence);
            if (reply.isPresent()) {
                return reply.get();
            }
            // Any other number: a duplicate, or a latecomer from an earlier
            // request. Drop it and wait on.
        }
    }
    // end::starter-request[]

    /** Sends one try; a "port unreachable" report about an earlier try makes this one fail, so it counts as lost. */
    private void send(byte[] datagram) throws IOException {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length));
        } catch (PortUnreachableException e) {
            unreachable = true;
        }
    }

    /**
     * The reply's payload if the packet is the reply numbered {@code sequence}; empty for a duplicate or a latecomer
     * (another number), or for a datagram that does not follow the format at all.
     */
    // tag::numbered[]
    private static Optional<byte[]> payloadIfNumbered(DatagramPacket packet, int sequence) {
        try {
            SequenceCodec.Numbered reply = SequenceCodec.decode(
                    packet.getData(), packet.getOffset(),
                    packet.getLength());
            return reply.sequence() == sequence
                    ? Optional.of(reply.payload()) : Optional.empty();
        } catch (MalformedDatagramException e) {
            return Optional.empty(); // garbled, or not from our server
        }
    }
    // end::numbered[]

    /** Closes the socket; a request blocked in another thread ends with an exception. */
    @Override
    public void close() {
        socket.close();
    }

    /**
     * Talks to the server until the keyboard input ends: one line, one request, one reply printed.
     *
     * @return the exit code: 0 after the input ended, 2 if the client gave up waiting for a reply, 1 on another error
     */
    public static int run(InputStream keyboard, PrintStream out, PrintStream err, UdpUpperClient client) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(keyboard, StandardCharsets.UTF_8));
        try {
            while (true) {
                out.print(PROMPT); // System.out shows it at once, line end or not
                String line = lines.readLine();
                if (line == null) {
                    out.println();
                    return 0; // input ended
                }
                // An empty line is fine here: UDP sends empty messages, and
                // the datagram still carries its sequence number.
                byte[] message = line.strip().getBytes(StandardCharsets.UTF_8);
                try {
                    out.write(client.request(message));
                    out.println();
                } catch (IllegalArgumentException tooLong) {
                    err.println(tooLong.getMessage()); // and ask for the next line
                }
            }
        } catch (NoReplyException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("Lost contact with " + NoReplyException.show(client.server) + ": " + Reasons.of(e));
            return 1;
        }
    }

    /**
     * Runs the client on the terminal.
     *
     * @param args optional: a port (default 8080), then a host (default 127.0.0.1)
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        try (UdpUpperClient client = open(new InetSocketAddress(host, port))) {
            System.exit(run(System.in, System.out, System.err, client));
        } catch (IOException e) {
            System.err.println(Reasons.of(e));
            System.exit(1); // 2 is for "gave up waiting"
        }
    }
}
