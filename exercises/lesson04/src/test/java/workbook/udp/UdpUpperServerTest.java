package workbook.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
}
