package workbook.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import workbook.socketserver.ServerOptions;
import workbook.socketserver.TcpServer;
import workbook.socketserver.UpperEchoServer;

/**
 * Lesson 01's server checks, reused by lesson 05, talk to a class called {@code UpperServer}: this is
 * one, made of the framework's {@link UpperEchoServer}. Lesson 01's own code is not built here.
 *
 * <p>Lesson 05's build copies lesson 01's {@code UpperServerTest.java} next to this file, and
 * {@code EarlierLessonsTest} runs it (see lesson 05's pom.xml).
 */
public final class UpperServer implements AutoCloseable {

    private final TcpServer server;

    private UpperServer(TcpServer server) {
        this.server = server;
    }

    /** Binds the framework's upper-case echo server, with its default options. */
    public static UpperServer bind(InetSocketAddress address) throws IOException {
        return new UpperServer(UpperEchoServer.bind(address));
    }

    /** Binds the framework's upper-case echo server, whose handlers hang up on a client silent for {@code idleLimit}. */
    public static UpperServer bind(InetSocketAddress address, Duration idleLimit) throws IOException {
        return new UpperServer(UpperEchoServer.bind(address, ServerOptions.defaults(), idleLimit));
    }

    public int port() {
        return server.port();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public void serveForever() {
        server.serveForever();
    }

    @Override
    public void close() {
        server.close();
    }
}
