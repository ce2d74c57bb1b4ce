package workbook.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;

import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.RunningServer;

/**
 * The checks for UpperServer: the server checks of {@link UpperServerChecks} (in the testkit, because
 * lesson 05 runs them too), each one playing a client (or several) against your server on loopback.
 */
@LessonChecks
@DisplayName("Lesson 01 · UpperServer (steps 1 to 5)")
class UpperServerTest extends UpperServerChecks<UpperServer> {

    @Override
    protected RunningServer<UpperServer> startServer() throws IOException {
        return start(UpperServer.bind(Loopback.anyPort()));
    }

    @Override
    protected RunningServer<UpperServer> startServer(Duration idleLimit) throws IOException {
        return start(UpperServer.bind(Loopback.anyPort(), idleLimit));
    }

    @Override
    protected InetSocketAddress address(UpperServer server) {
        return server.address();
    }

    private static RunningServer<UpperServer> start(UpperServer bound) {
        return RunningServer.start("UpperServer", bound, UpperServer::port, UpperServer::serveForever);
    }
}
