package workbook.auth;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A replay attack, played out: an eavesdropper records an honest client's handshake, then sends
 * the very same bytes on a connection of its own, without knowing the key.
 *
 * <pre>
 *   1. honest client  ◀── nonce A      ── server
 *                     ── proof over A ─▶          (the eavesdropper copies these 64 bytes)
 *   2. attacker       ◀── nonce B      ── server
 *                     ── the copy     ─▶          a proof over A, not B: "DENIED"
 * </pre>
 * With a fresh nonce the copy answers a question nobody asks any more. With a repeated nonce
 * (the starter's step 2) the copy is the right answer, and the attacker is in.
 */
public final class ReplayDemo {

    private ReplayDemo() {
    }

    /**
     * Plays both connections against the server at {@code server}, printing what happens.
     *
     * @param key the key the honest client knows (the attacker never uses it)
     * @return true if the server refused the replay
     */
    static boolean run(PrintStream out, InetSocketAddress server, byte[] key) throws IOException, AuthException {
        byte[] firstChallenge;
        byte[] recorded;
        try (Socket honest = connect(server)) {
            HeardIn heardIn = new HeardIn(honest.getInputStream());
            HeardOut heardOut = new HeardOut(honest.getOutputStream());
            AuthClient.authenticate(heardIn, heardOut, key);
            recorded = heardOut.copy.toByteArray();
            firstChallenge = Arrays.copyOf(heardIn.copy.toByteArray(), Handshake.NONCE_BYTES);
        }
        out.println("1. An honest client logged in. Its challenge was:");
        out.println("   " + Handshake.hex(firstChallenge));
        out.println("   The eavesdropper copied the " + recorded.length + " bytes it sent:");
        out.println("   " + Handshake.hex(recorded));
        // tag::replay[]
        try (Socket attacker = connect(server)) {
            InputStream in = attacker.getInputStream();
            byte[] challenge = Handshake.readExactly(
                    in, Handshake.NONCE_BYTES, "the challenge");
            attacker.getOutputStream().write(recorded);
            String verdict = Handshake.readLine(in, "the verdict");
            // end::replay[]
            out.println("2. The attacker connected and sent the copy. Its challenge was "
                    + (Arrays.equals(challenge, firstChallenge) ? "THE SAME as" : "not")
                    + " the honest client's.");
            boolean refused = !verdict.equals(Handshake.OK);
            out.println(refused
                    ? "3. The server refused the replay: " + verdict
                    : "3. The server ACCEPTED the replay: the attacker is in without the key!");
            return refused;
        }
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** The eavesdropper's copy of what the honest client wrote. */
    private static final class HeardOut extends FilterOutputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        HeardOut(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            copy.write(b, off, len);
            out.write(b, off, len);
        }
    }

    /** The eavesdropper's copy of what the server sent the honest client. */
    private static final class HeardIn extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        HeardIn(InputStream in) {
            super(in);
        }

        // Only block reads are copied: the challenge is read as a block; the verdict line after it is not needed.
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }
    }

    /** Runs the demo against a server of its own, on loopback, with a key made up for the occasion. */
    public static void main(String[] args) throws Exception {
        byte[] key = new byte[KeyFile.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try (AuthServer server = AuthServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), key)) {
            Thread serving = new Thread(() -> {
                try {
                    server.serveForever();
                } catch (IOException e) {
                    System.err.println("The server stopped: " + e.getMessage());
                }
            });
            serving.setDaemon(true);
            serving.start();
            boolean refused = run(System.out, server.address(), key);
            System.exit(refused ? 0 : 1);
        }
    }
}
