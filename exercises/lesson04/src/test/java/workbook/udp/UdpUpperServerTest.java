package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.DatagramProbe;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;

/** The checks for UdpUpperServer: the echo server checks of {@link UdpEchoServerChecks}, run against your server. */
@LessonChecks
@DisplayName("Lesson 04 · UdpUpperServer (steps 1 to 4)")
class UdpUpperServerTest extends UdpEchoServerChecks {

    @Override
    protected RunningServer<UdpUpperServer> startServer() throws IOException {
        return RunningServer.start("UdpUpperServer", UdpUpperServer.bind(Loopback.anyPort()), UdpUpperServer::port,
                UdpUpperServer::serveForever);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the server binds loopback on port 0 and reports the port it got")
    void bindsLoopbackAndReportsPort() throws Exception {
        try (var server = startServer()) {
            assertThat(server.server().port())
                    .as("port() after binding port 0 (the operating system picks a free port)")
                    .isBetween(1, 65535);
            assertThat(server.server().address().getAddress().isLoopbackAddress())
                    .as("the server was asked to bind 127.0.0.1; address() says %s", server.server().address())
                    .isTrue();
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: close() ends the serve loop normally, without an exception")
    void closeEndsTheServeLoopNormally() throws Exception {
        UdpUpperServer server = UdpUpperServer.bind(Loopback.anyPort());
        ServeLoop loop = ServeLoop.start("UdpUpperServer", server::serveForever);
        try (var client = DatagramProbe.open("your client")) {
            client.send(server.port(), "up?");
            client.expect("UP?", "the reply to \"up?\": the server is serving");
        } finally {
            server.close();
        }
        loop.expectReturnedNormally("after close()");
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: a client that floods the server and never reads does not hold it up")
    void aClientThatNeverReadsDoesNotHoldUpTheServer() throws Exception {
        try (var server = startServer(); var deaf = new DatagramSocket(Loopback.anyPort());
                var next = DatagramProbe.open("the next client")) {
            deaf.setReceiveBufferSize(4_096); // full after a few replies: its kernel drops the rest
            byte[] request = new byte[200];
            for (int i = 0; i < 100; i++) {
                deaf.send(new DatagramPacket(request, request.length, Loopback.address(server.port())));
            }
            next.send(server.port(), "my turn?");
            next.expect("MY TURN?", "the reply to the next client, after 100 datagrams from one that never reads");
            server.assertStillServing("100 datagrams from a client that never reads");
        }
    }
}
