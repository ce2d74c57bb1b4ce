package workbook.auth;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.Received;
import workbook.testkit.Timeouts;

/**
 * The checks' own side of the handshake, written independently of the student's code: the
 * same bytes as in {@link Handshake}'s diagram, computed with {@code javax.crypto.Mac}, read
 * with bounded waits so that a silent program fails the check instead of hanging it.
 */
final class Peer {

    static final int NONCE = 32;
    static final int PROOF = 32;
    static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);

    /** A key for the checks: 32 bytes 0x40, 0x41, ... so that it is easy to spot in a hex dump. */
    static final byte[] KEY = range(0x40, 32);
    /** Another key, as an impostor or a stranger would have. */
    static final byte[] WRONG_KEY = range(0x90, 32);

    private Peer() {
    }

    /** What one login by the checks' client saw and sent. */
    record Login(byte[] challenge, byte[] answer, byte[] ourNonce, String verdict, byte[] serverProof) {
        boolean accepted() {
            return "OK".equals(verdict);
        }
    }

    static byte[] range(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    static byte[] hmac(byte[] key, byte[] label, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label);
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] join(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Indents every line by two spaces, for failure messages. */
    static String indent(String text) {
        return text.indent(2);
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** Logs in as an honest client that knows {@code key}: reads the challenge, answers, reads the verdict (and proof). */
    static Login login(Socket socket, byte[] key) throws IOException {
        byte[] challenge = readExactly(socket, NONCE, "the server's challenge (" + NONCE + " random bytes)");
        byte[] ourNonce = fresh();
        byte[] answer = join(hmac(key, CLIENT, challenge), ourNonce);
        return answer(socket, challenge, answer, ourNonce);
    }

    /** Sends {@code answer} (64 bytes) to a challenge already read, then reads the verdict and, after OK, the proof. */
    static Login answer(Socket socket, byte[] challenge, byte[] answer, byte[] ourNonce) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(answer);
        out.flush();
        String verdict = readLine(socket, "the server's verdict (a line: OK, or DENIED: and the reason)");
        byte[] proof = "OK".equals(verdict) ? readExactly(socket, PROOF, "the server's proof after OK") : null;
        return new Login(challenge, answer, ourNonce, verdict, proof);
    }

    static byte[] fresh() {
        byte[] nonce = new byte[NONCE];
        new java.security.SecureRandom().nextBytes(nonce);
        return nonce;
    }

    /** Reads exactly n bytes within {@link Timeouts#REPLY}; fails, showing what came, if they do not all come. */
    static byte[] readExactly(Socket socket, int n, String what) throws IOException {
        Received received = Received.read(socket, n, Timeouts.REPLY);
        if (received.ending() != Received.Ending.COMPLETE) {
            Diagnostics.snapshot();
            fail("Expected " + n + " bytes: " + what + ". " + received.story() + "\n"
                    + Peer.indent(Bytes.show(received.chunks())));
        }
        return received.bytes();
    }

    /** Reads one line (up to '\n', at most 200 bytes) within {@link Timeouts#REPLY}; fails, showing what came, if none. */
    static String readLine(Socket socket, String what) throws IOException {
        return readLine(socket, what, Timeouts.REPLY);
    }

    /** Reads one line, waiting at most {@code patience} in all. */
    static String readLine(Socket socket, String what, java.time.Duration patience) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + patience.toNanos();
        while (line.size() < 200) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Received one = Received.read(socket, 1, java.time.Duration.ofMillis(left));
            if (one.ending() != Received.Ending.COMPLETE) {
                Diagnostics.snapshot();
                fail("Expected " + what + ", ending in a new line (\\n). " + one.story() + " What arrived before:\n"
                        + Peer.indent(Bytes.show(line.toByteArray())));
            }
            byte b = one.bytes()[0];
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return fail("Expected " + what + ", but 200 bytes came without a new line (\\n):\n"
                + Peer.indent(Bytes.show(line.toByteArray())));
    }

    /** Fails unless the server hangs up (end of stream or reset) within {@link Timeouts#REPLY}, sending nothing more. */
    static void expectHangUp(Socket socket, String after) throws IOException {
        Received more = Received.read(socket, 1, Timeouts.REPLY);
        if (more.ending() == Received.Ending.END_OF_STREAM || more.ending() == Received.Ending.BROKEN) {
            return;
        }
        Diagnostics.snapshot();
        fail("After " + after + " the server must hang up. " + more.story() + "\n"
                + Peer.indent(Bytes.show(more.chunks())));
    }
}
