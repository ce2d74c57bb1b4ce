package workbook.udp;

import java.io.IOException;

import org.junit.jupiter.api.DisplayName;

import workbook.socketserver.UdpServer;
import workbook.socketserver.UdpUpperEchoServer;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;

/**
 * Lesson 04's UDP echo server checks ({@link UdpEchoServerChecks}, in the testkit), run against the
 * framework's {@link UdpUpperEchoServer}. Lesson 05's step 5 runs this class through the JUnit
 * Platform Launcher; Surefire does not run it on its own.
 */
@LessonChecks
@DisplayName("Lesson 04's UDP echo checks, on the framework")
public class FrameworkUdpEchoChecks extends UdpEchoServerChecks {

    @Override
    protected RunningServer<UdpServer> startServer() throws IOException {
        return RunningServer.start("UdpUpperEchoServer", UdpUpperEchoServer.bind(Loopback.anyPort()), UdpServer::port,
                UdpServer::serveForever);
    }
}
