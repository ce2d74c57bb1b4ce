package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;

/** The server's paced input on its own, over a loopback connection: what one read returns. */
@LessonChecks
@DisplayName("Lesson 03 · the server's paced input (step 3)")
class PacedInputStreamTest {

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: read() returns each byte as 0 to 255, then -1 at the end of the stream")
    void readsSingleBytes() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                Socket client = Loopback.connect(listener.getLocalPort());
                Socket server = listener.accept()) {
            OutputStream out = client.getOutputStream();
            out.write(new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff});
            client.shutdownOutput();
            PacedInputStream in = new PacedInputStream(server);
            in.expectFrame("header", Duration.ofSeconds(5), Duration.ofSeconds(5));
            int[] seen = new int[6];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = in.read();
            }
            assertThat(seen).containsExactly(0, 1, 0x7f, 0x80, 0xff, -1);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a silent client is told the limit in whole seconds when it is whole seconds (\"1 s\", not \"1000 ms\")")
    void namesAWholeSecondLimitInSeconds() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                Socket client = Loopback.connect(listener.getLocalPort());
                Socket server = listener.accept()) {
            PacedInputStream in = new PacedInputStream(server);
            in.expectFrame("header", Duration.ofSeconds(1), Duration.ofSeconds(5));
            // The client sends nothing: the read ends at the limit, and the message is the verdict's text.
            assertThatThrownBy(() -> in.read(new byte[16], 0, 16))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("sent no header for 1 s");
        }
    }
}
