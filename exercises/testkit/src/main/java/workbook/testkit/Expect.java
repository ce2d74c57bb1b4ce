package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Assertions about bytes on the wire whose failure messages teach: what was expected, what
 * arrived (text and hex, read boundaries marked) and how the reading ended.
 */
public final class Expect {

    private Expect() {
    }

    /**
     * Reads exactly as many bytes as {@code expected} has (waiting at most {@link Timeouts#REPLY})
     * and fails unless they are equal.
     *
     * @param what a few words for the message, such as "the reply to 'hello'"
     */
    public static void reply(Socket socket, byte[] expected, String what) throws IOException {
        Received received = Received.read(socket, expected.length, Timeouts.REPLY);
        bytes(expected, received, what);
    }

    /** The same for a text reply, encoded as UTF-8. */
    public static void reply(Socket socket, String expected, String what) throws IOException {
        reply(socket, expected.getBytes(StandardCharsets.UTF_8), what);
    }

    /** Fails unless what was received equals {@code expected}, byte for byte. */
    public static void bytes(byte[] expected, Received received, String what) {
        if (!java.util.Arrays.equals(expected, received.bytes())) {
            Diagnostics.snapshot();
        }
        assertThat(received.bytes())
                .withFailMessage(() -> "Wrong bytes for " + what + ". " + received.story() + "\n"
                        + Bytes.compare(expected, received.chunks()))
                .isEqualTo(expected);
    }

    /** Fails if any byte arrives within {@link Timeouts#LINGER}: a reply must not be followed by extra bytes. */
    public static void nothingMore(Socket socket, String after) throws IOException {
        Received extra = Received.whatever(socket, Timeouts.LINGER);
        if (!extra.isEmpty()) {
            Diagnostics.snapshot();
        }
        assertThat(extra.bytes())
                .withFailMessage(() -> "Unexpected bytes arrived after " + after + ":\n" + Bytes.indent(Bytes.show(extra.chunks())))
                .isEmpty();
    }
}
