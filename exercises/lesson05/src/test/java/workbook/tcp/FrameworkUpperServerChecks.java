package workbook.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;

import workbook.socketserver.ServerOptions;
import workbook.socketserver.TcpServer;
import workbook.socketserver.UpperEchoServer;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;

/**
 * Lesson 01's server checks ({@link UpperServerChecks}, in the testkit), run against the framework's
 * {@link UpperEchoServer}. Lesson 05's step 5 runs this class through the JUnit Platform Launcher;
 * Surefire does not run it on its own.
 */
@LessonChecks
@DisplayName("Lesson 01's server checks, on the framework")
public class FrameworkUpperServerChecks extends UpperServerChecks<TcpServer> {

    @Override
    protected RunningServer<TcpServer> startServer() throws IOException {
        return start(UpperEchoServer.bind(Loopback.anyPort()));
    }

    @Override
    protected RunningServer<TcpServer> startServer(Duration idleLimit) throws IOException {
        return start(UpperEchoServer.bind(Loopback.anyPort(), ServerOptions.defaults(), idleLimit));
    }

    @Override
    protected InetSocketAddress address(TcpServer server) {
        return server.address();
    }

    private static RunningServer<TcpServer> start(TcpServer bound) {
        return RunningServer.start("UpperEchoServer", bound, TcpServer::port, TcpServer::serveForever);
    }
}
