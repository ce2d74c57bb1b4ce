package workbook.auth;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The authentication handshake both ends speak before lesson 01's conversation: the bytes on
 * the wire, and the HMAC that proves "I know the key" without ever sending the key.
 *
 * <pre>
 *   server ──▶ client   nonce_s              32 random bytes (the challenge)
 *   client ──▶ server   proof_c | nonce_c     32 + 32 bytes
 *                       proof_c = HMAC-SHA256(key, "client" | nonce_s)
 *   server ──▶ client   "OK\n" | proof_s      3 + 32 bytes, proof_s = HMAC-SHA256(key, "server" | nonce_c)
 *                or     "DENIED: reason\n"    then the server hangs up
 *   then both ends      lesson 01's upper-case echo, byte for byte
 * </pre>
 * Example: with the key 00 01 .. 1f and nonce_s a0 a1 .. bf, proof_c starts 0f 5a d2 29.
 * The labels "client" and "server" make the two proofs different even over the same nonce, so
 * a proof taken from one direction is useless in the other.
 */
final class Handshake {

    /** Bytes in a nonce: 32 random bytes (256 bits); at least 16 would do. */
    static final int NONCE_BYTES = 32;
    /** Bytes in an HMAC-SHA256 proof: the length of a SHA-256 digest. */
    static final int PROOF_BYTES = 32;
    static final byte[] CLIENT_LABEL = "client".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER_LABEL = "server".getBytes(StandardCharsets.US_ASCII);
    /** The verdict line of a client that proved it knows the key. */
    static final String OK = "OK";
    /** The start of every refusal line: "DENIED: " and the reason in words. */
    static final String DENIED = "DENIED: ";
    /** The longest verdict line a peer may send, so a hostile peer cannot fill our memory. */
    static final int MAX_LINE = 200;

    private Handshake() {
    }

    /** HMAC-SHA256 of {@code message} under {@code key}: Python's {@code hmac.new(key, message, 'sha256').digest()}. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        // TODO(step 1): Compute the HMAC-SHA256 of the message under the key, exactly as
        //  Python's hmac.new(key, message, 'sha256').digest() does (the lesson names the class).
        throw new UnsupportedOperationException("HMAC-SHA256 is not written yet (step 1)");
    }

    /** What a client sends to answer the challenge {@code serverNonce}. */
    // tag::starter-proof[]
    static byte[] clientProof(byte[] key, byte[] serverNonce) {
        // TODO(step 1): The client "proves" it knows the key by
        //  sending the key itself: whoever watches the wire now
        //  knows it too. Send a proof made from the key and the
        //  challenge instead (the byte diagram above says how).
        return key.clone();
    }
    // end::starter-proof[]

    /** What a server sends to answer the client's nonce. */
    static byte[] serverProof(byte[] key, byte[] clientNonce) {
        // TODO(step 1): The same mistake the other way round: the server sends the key itself.
        return key.clone();
    }

    /**
     * True if the proof received equals the one expected. {@link MessageDigest#isEqual} looks at
     * every byte whatever it finds, so the time it takes tells an attacker nothing about how
     * many leading bytes were right ({@code Arrays.equals} stops at the first difference).
     */
    static boolean proofMatches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * Reads exactly {@code n} bytes: TCP may deliver them in any number of pieces.
     *
     * @throws EOFException if the peer hangs up first, saying how many bytes of {@code what} came
     */
    // tag::starter-read[]
    static byte[] readExactly(InputStream in, int n,
            String what) throws IOException {
        byte[] bytes = new byte[n];
        // TODO(step 4): One read() returns what has arrived
        //  so far: maybe all n bytes, maybe one. Keep reading
        //  until all n bytes are here (or the peer hangs up).
        int got = in.read(bytes);
        if (got == -1) {
            throw new EOFException("the connection ended "
                    + "before the " + n + " bytes of " + what);
        }
        return bytes;
    }
    // end::starter-read[]

    /**
     * Reads one line ending in '\n' (without it), byte by byte so that no byte after the line is
     * taken from the stream; at most {@link #MAX_LINE} bytes.
     */
    static String readLine(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("the connection ended in the middle of " + what);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE) {
                throw new IOException(what + " is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** The bytes as lower-case hex, for messages: "0f5ad229...". */
    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
