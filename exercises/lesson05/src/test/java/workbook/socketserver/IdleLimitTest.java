package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.VirtualThreadWarmUp;

/**
 * IdleLimit, the framework's cheap idle limit, on its own: a connection whose peer keeps sending
 * stays open, whatever read it uses; a silent one is closed with a time-out that says so.
 */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · IdleLimit (step 5)")
class IdleLimitTest {

    /** Both ends of one loopback connection: the client's, and the one the server accepted. */
    private record Connection(Socket client, Socket accepted) implements AutoCloseable {
        static Connection open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket client = Loopback.connect(listener.getLocalPort());
                try {
                    return new Connection(client, listener.accept());
                } catch (IOException e) {
                    client.close();
                    throw e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try (client; accepted) {
                // closes both, even if one throws
            }
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: IdleLimit refuses a limit of zero or less: it would hang up at once")
    void refusesALimitOfZero() throws Exception {
        try (Connection connection = Connection.open()) {
            Socket accepted = connection.accepted();
            assertThatThrownBy(() -> IdleLimit.watch(accepted, Duration.ZERO))
                    .as("IdleLimit.watch(socket, 0 s)").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> IdleLimit.watch(accepted, Duration.ofMillis(-1)))
                    .as("IdleLimit.watch(socket, -1 ms)").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: closing a watched stream closes its connection, as closing a socket's stream does")
    void closingTheStreamClosesTheConnection() throws Exception {
        try (Connection connection = Connection.open()) {
            Socket client = connection.client();
            Socket accepted = connection.accepted();
            IdleLimit.watch(accepted, Duration.ofSeconds(60)).close();
            assertThat(accepted.isClosed()).as("the connection, after its watched stream was closed").isTrue();
            Checks.expectClosed(client, "the connection whose watched stream the server closed");
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: IdleLimit counts single-byte reads as the client talking, then hangs up on silence")
    void singleByteReadsCountAsTalk() throws Exception {
        Duration limit = Duration.ofSeconds(1);
        try (Connection connection = Connection.open();
                InputStream watched = IdleLimit.watch(connection.accepted(), limit)) {
            Socket accepted = connection.accepted();
            OutputStream out = connection.client().getOutputStream();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) { // 2 s of talk, one byte every 100 ms
                out.write('a' + i);
                assertThat(watched.read()).as("byte %d, read one at a time, after %d ms of talk with a %d ms idle limit",
                        i + 1, (System.nanoTime() - start) / 1_000_000, limit.toMillis()).isEqualTo('a' + i);
                Thread.sleep(100);
            }
            assertThatThrownBy(watched::read).as("a read after the client fell silent")
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("silent for 1 s");
            assertThat(accepted.isClosed()).as("the watched connection, once the limit has passed").isTrue();
        }
    }
}
