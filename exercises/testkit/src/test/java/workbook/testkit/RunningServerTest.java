package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class RunningServerTest {

    /** A minimal server: accepts and closes connections until closed. */
    static final class Acceptor implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 5, Loopback.anyPort().getAddress());

        Acceptor() throws IOException {
        }

        void serve() throws IOException {
            try {
                while (true) {
                    listener.accept().close();
                }
            } catch (IOException closed) {
                if (!listener.isClosed()) {
                    throw closed;
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    @Test
    void runsTheServeLoopUntilClosed() throws Exception {
        try (var server = RunningServer.start("Acceptor", new Acceptor(), a -> a.listener.getLocalPort(), Acceptor::serve)) {
            try (Socket client = Loopback.connect(server.port())) {
                assertThat(client.isConnected()).isTrue();
            }
            assertThat(server.isServing()).isTrue();
            assertThat(server.state()).startsWith("its serve loop is still running");
        }
    }

    @Test
    void reportsAServeLoopThatThrew() throws Exception {
        try (var server = RunningServer.start("Thrower", new Acceptor(), a -> a.listener.getLocalPort(), a -> {
            throw new IllegalStateException("boom");
        })) {
            server.expectEnd(Timeouts.REPLY, "the serve loop threw");
            assertThat(server.state()).contains("by throwing java.lang.IllegalStateException: boom");
            assertThatThrownBy(() -> server.assertNotCrashed("nothing at all")).hasMessageContaining("crashed");
        }
    }

    @Test
    void failsLoudlyWhenCloseDoesNotStopTheLoop() throws IOException {
        CountDownLatch never = new CountDownLatch(1);
        var server = RunningServer.start("Sleeper", new Acceptor(), a -> a.listener.getLocalPort(), a -> {
            try {
                never.await(); // ignores close()
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThatThrownBy(server::close).hasMessageContaining("was still running")
                    .hasMessageContaining("It was waiting");
        } finally {
            never.countDown();
            server.expectEnd(Timeouts.SHUTDOWN, "the sleeper was woken");
        }
    }
}
