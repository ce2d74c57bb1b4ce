package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/** The portable leak check: after the check's client hangs up, the other side must close its end. */
class HangUpsTest {

    @Test
    void aServerThatClosesTheAcceptedSocketPasses() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.address(0).getAddress())) {
            HangUps.watch();
            Socket client = Loopback.connect(listener.getLocalPort());
            try (Socket accepted = listener.accept()) {
                client.close();
                assertThat(client.isClosed()).as("hung up, not yet closed: LeakCheck reads the other side").isFalse();
                assertThat(accepted.getInputStream().read()).as("the server sees end of stream").isEqualTo(-1);
            }
            assertThat(HangUps.expectClosedByPeers(System.nanoTime() + Timeouts.SHUTDOWN.toNanos())).isEmpty();
            assertThat(client.isClosed()).isTrue();
        }
    }

    @Test
    void aServerThatForgetsTheAcceptedSocketIsNamed() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.address(0).getAddress())) {
            HangUps.watch();
            HangUps.owner(listener.getLocalPort(), "your forgetful server");
            Socket client = Loopback.connect(listener.getLocalPort());
            try (Socket accepted = listener.accept()) {
                client.close();
                assertThat(HangUps.expectClosedByPeers(System.nanoTime() + 300_000_000L)).singleElement()
                        .asString().contains("your forgetful server did not close its side of a connection");
            }
            assertThat(client.isClosed()).isTrue();
        }
    }

    @Test
    void withoutALeakCheckWatchingASocketClosesAtOnce() throws Exception {
        HangUps.expectClosedByPeers(System.nanoTime()); // nothing watches any more
        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.address(0).getAddress())) {
            Socket client = Loopback.connect(listener.getLocalPort());
            client.close();
            assertThat(client.isClosed()).isTrue();
            listener.accept().close();
        }
    }
}
