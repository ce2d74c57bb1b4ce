package workbook.ftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;

import workbook.socketserver.ServerOptions;
import workbook.socketserver.TcpServer;
import workbook.socketserver.ThreadingStrategy;

/**
 * An FTP server (RFC 959, with EPSV from RFC 2428 and SIZE, REST and MLSD from RFC 3659) that
 * curl, Python's ftplib and FileZilla accept: passive mode only, each user jailed in a home
 * directory with a quota.
 *
 * <pre>{@code
 * try (FtpServer server = FtpServer.start(FtpConfig.defaults(homes, usersFile)
 *         .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
 *     int port = server.address().getPort();   // bound and serving already
 * }
 * }</pre>
 * It is lesson 05's {@link TcpServer} with one handler per connection ({@link FtpSession}); this
 * class only starts it on a thread of its own and stops it.
 */
public final class FtpServer implements AutoCloseable {

    private final TcpServer server;
    private final Thread acceptLoop;

    private FtpServer(TcpServer server, Thread acceptLoop) {
        this.server = server;
        this.acceptLoop = acceptLoop;
    }

    /** Binds, starts serving on a background thread, and returns: connections are accepted from now on. */
    public static FtpServer start(FtpConfig config) throws IOException {
        Files.createDirectories(config.homes());
        // Every session waits for its client most of the time: a virtual thread each costs little,
        // so a slow or idle client never keeps another one waiting.
        ServerOptions options = ServerOptions.defaults().withThreading(ThreadingStrategy.virtualThreads());
        TcpServer server = new TcpServer(config.bind(), () -> new FtpSession(config), options);
        Thread loop = Thread.ofPlatform().name("ftp-accept").daemon(true).start(server::serveForever);
        return new FtpServer(server, loop);
    }

    /** The address the server listens on: the real port, even if the config asked for port 0. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Stops accepting and closes every session (their clients read end of stream). */
    @Override
    public void close() {
        server.close();
    }

    /** Waits until the server is closed (by another thread, or at the JVM's exit). */
    void awaitClose() throws InterruptedException {
        acceptLoop.join();
    }

    /**
     * {@code java workbook.ftp.FtpServer [--bind 127.0.0.1] [--port 2121] [--homes DIR] [--users FILE]
     * [--passive-ports 50000-50099] [--announce ADDRESS] [--idle SECONDS]}, or
     * {@code java workbook.ftp.FtpServer adduser [--users FILE] NAME QUOTA}.
     */
    public static void main(String[] args) throws Exception {
        System.exit(ServerCommandLine.run(args, System.in, System.out, System.err));
    }
}
