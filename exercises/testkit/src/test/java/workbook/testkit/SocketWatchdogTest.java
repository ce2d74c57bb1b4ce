package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class SocketWatchdogTest {

    @Test
    void endsAWriteBlockedOnAPeerThatDoesNotRead() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.address(0).getAddress());
                Socket client = Loopback.connect(listener.getLocalPort());
                Socket silent = listener.accept()) {
            SocketWatchdog watchdog;
            try (SocketWatchdog w = SocketWatchdog.start(client, Duration.ofMillis(300))) {
                watchdog = w;
                OutputStream out = client.getOutputStream();
                assertThatThrownBy(() -> {
                    byte[] chunk = new byte[1 << 20];
                    for (int i = 0; i < 1024; i++) { // far more than any socket buffer
                        out.write(chunk);
                    }
                }).isInstanceOf(SocketException.class);
            }
            assertThat(watchdog.fired()).isTrue();
            assertThat(client.isClosed()).isTrue();
        }
    }

    @Test
    void leavesTheSocketOpenWhenClosedInTime() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.address(0).getAddress());
                Socket client = Loopback.connect(listener.getLocalPort());
                Socket peer = listener.accept()) {
            SocketWatchdog watchdog = SocketWatchdog.start(client, Duration.ofSeconds(5));
            client.getOutputStream().write(new byte[10]);
            watchdog.close();
            assertThat(watchdog.fired()).isFalse();
            assertThat(client.isClosed()).isFalse();
        }
    }
}
