package workbook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.ChunkedInputStream;
import workbook.testkit.LessonChecks;

/**
 * The checks for Handshake, without sockets: the HMAC against vectors computed once by Python's
 * {@code hmac} module, and reading a fixed number of bytes from a stream that arrives in pieces.
 */
@LessonChecks
@DisplayName("Lesson 07 · Handshake (steps 1 and 4)")
class HandshakeTest {

    /** 00 01 02 .. 1f */
    private static final byte[] KEY = Peer.range(0x00, 32);
    /** a0 a1 a2 .. bf */
    private static final byte[] NONCE = Peer.range(0xa0, 32);

    // Computed once with /usr/bin/python3 (Python 3.11):
    //   import hmac; hmac.new(bytes(range(32)), bytes(range(0xa0, 0xc0)), 'sha256').hexdigest()
    private static final String PYTHON_HMAC = "0c95bd8bdd96004ec3f84f7bcc9526ee33491925dae778d32b6b81a42c38fe93";
    //   hmac.new(bytes(range(32)), b'client' + bytes(range(0xa0, 0xc0)), 'sha256').hexdigest()
    private static final String PYTHON_CLIENT_PROOF = "0f5ad2299482a767eae1ff110ad1944ba5dda62a7ce209e729fd96fa69315be1";
    //   hmac.new(bytes(range(32)), b'server' + bytes(range(0xa0, 0xc0)), 'sha256').hexdigest()
    private static final String PYTHON_SERVER_PROOF = "afe81773be8e12743ceda02e0e8c39cf3f681e4978c934f4642122df5d4867c6";
    //   hmac.new(b'k' * 100, b'', 'sha256').hexdigest()     (a key longer than SHA-256's 64-byte block)
    private static final String PYTHON_LONG_KEY = "d46761768ee3c864fc76c08b3d73c8092853ae3fefa01b990963dfa2d56e7334";

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: hmacSha256 gives the same 32 bytes as Python's hmac.new(key, nonce, 'sha256').digest()")
    void hmacMatchesPython() {
        assertDigest(Handshake.hmacSha256(KEY.clone(), NONCE.clone()), PYTHON_HMAC,
                "hmacSha256(key 00 01 .. 1f, message a0 a1 .. bf)");
        assertDigest(Handshake.hmacSha256("k".repeat(100).getBytes(StandardCharsets.US_ASCII), new byte[0]),
                PYTHON_LONG_KEY, "hmacSha256(key 'k' * 100, empty message)");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the proofs on the wire are HMAC-SHA256 over the label and the nonce, as Python computes them")
    void proofsMatchPython() {
        assertDigest(Handshake.clientProof(KEY.clone(), NONCE.clone()), PYTHON_CLIENT_PROOF,
                "clientProof(key 00 .. 1f, nonce a0 .. bf) = HMAC-SHA256(key, b'client' + nonce)");
        assertDigest(Handshake.serverProof(KEY.clone(), NONCE.clone()), PYTHON_SERVER_PROOF,
                "serverProof(key 00 .. 1f, nonce a0 .. bf) = HMAC-SHA256(key, b'server' + nonce)");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: proofMatches accepts the same 32 bytes and refuses any other")
    void proofMatchesOnlyEqualBytes() {
        byte[] proof = HexFormat.of().parseHex(PYTHON_HMAC);
        assertThat(Handshake.proofMatches(proof, proof.clone())).as("the same 32 bytes").isTrue();
        byte[] lastBitWrong = proof.clone();
        lastBitWrong[31] ^= 1;
        assertThat(Handshake.proofMatches(proof, lastBitWrong)).as("32 bytes differing in the last bit").isFalse();
        assertThat(Handshake.proofMatches(proof, new byte[0])).as("no bytes at all").isFalse();
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: readExactly collects all n bytes, however the stream cuts them")
    void readExactlyCollectsPieces() throws IOException {
        byte[] answer = Peer.range(1, 64);
        for (int[] pieces : new int[][] {{1}, {3}, {31, 1, 32}, {64}, {63, 1}}) {
            byte[] read = Handshake.readExactly(new ChunkedInputStream(answer, pieces), 64, "an answer");
            assertThat(read).as("readExactly(64) of 64 bytes arriving in pieces of %s bytes",
                    java.util.Arrays.toString(pieces)).isEqualTo(answer);
        }
        ChunkedInputStream more = new ChunkedInputStream(Peer.range(1, 40), 7);
        assertThat(Handshake.readExactly(more, 32, "a nonce")).as("the first 32 of 40 bytes, in pieces of 7")
                .isEqualTo(Peer.range(1, 32));
        assertThat(more.read()).as("the byte after the 32 (readExactly must not read past them)").isEqualTo(33);
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: readExactly reports a stream that ends early, saying how many bytes came")
    void readExactlyReportsShortStream() {
        assertThatThrownBy(() -> Handshake.readExactly(new ChunkedInputStream(Peer.range(1, 10), 4), 32, "a nonce"))
                .isInstanceOf(EOFException.class).hasMessageContaining("10").hasMessageContaining("32")
                .hasMessageContaining("a nonce");
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: readLine takes one line, byte by byte, and refuses endless or cut-off lines")
    void readLineTakesOneLine() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("OK\nproof".getBytes(StandardCharsets.US_ASCII));
        assertThat(Handshake.readLine(in, "the verdict")).isEqualTo("OK");
        assertThat(in.read()).as("the byte after the line must stay in the stream").isEqualTo('p');
        String longest = "D".repeat(Handshake.MAX_LINE);
        assertThat(Handshake.readLine(new ByteArrayInputStream((longest + "\n").getBytes(StandardCharsets.US_ASCII)),
                "a verdict")).as("a line of exactly %d bytes", Handshake.MAX_LINE).isEqualTo(longest);
        assertThatThrownBy(() -> Handshake.readLine(
                new ByteArrayInputStream((longest + "D\n").getBytes(StandardCharsets.US_ASCII)), "a verdict"))
                .as("a line of %d bytes", Handshake.MAX_LINE + 1)
                .isInstanceOf(IOException.class).hasMessageContaining("a verdict");
        assertThatThrownBy(() -> Handshake.readLine(new ByteArrayInputStream("DENIED: wro".getBytes(
                StandardCharsets.US_ASCII)), "the verdict"))
                .isInstanceOf(EOFException.class).hasMessageContaining("the verdict");
    }

    private static void assertDigest(byte[] actual, String expectedHex, String what) {
        byte[] expected = HexFormat.of().parseHex(expectedHex);
        assertThat(actual)
                .withFailMessage("%s%n  expected (Python's hmac): %s%n  received:                 %s", what,
                        Peer.hex(expected), actual == null ? "null" : Peer.hex(actual))
                .isEqualTo(expected);
    }
}
