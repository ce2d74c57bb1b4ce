package workbook.socketserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Lesson 01's upper-case echo server, rewritten on the framework: the communication loop becomes a
 * handler; the connection loop, the threads and the shutdown are the framework's.
 *
 * <pre>
 *   client A ──▶ handler on thread handler-1:  read ─▶ upper-case ─▶ write ─▶ read ...
 *   client B ──▶ handler on thread handler-2:  read ─▶ upper-case ─▶ write ─▶ read ...
 * </pre>
 * Unlike lesson 01's, it serves any number of clients at once. Run it with {@link #main}.
 */
public final class UpperEchoServer {

    private static final int DEFAULT_PORT = 8080;
    /**
     * How long a client may stay silent before the server hangs up, as in lesson 01. Here a silent
     * client holds only its own thread, not the server, but a thread and a socket each all the same.
     */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(60);

    private UpperEchoServer() {
    }

    // tag::handler[]
    /** One client: lesson 01's communication loop, and nothing else. */
    static final class UpperHandler extends RequestHandler<Socket> {
        private final Duration idleLimit;
        private InputStream in;

        UpperHandler(Duration idleLimit) {
            this.idleLimit = idleLimit;
        }

        @Override
        protected void setup() throws IOException {
            // A client silent for longer is hung up on: the waiting read
            // throws SocketTimeoutException, the framework logs one line.
            // (Not setSoTimeout: see IdleLimit for what that costs here.)
            in = IdleLimit.watch(request(), idleLimit);
            Thread me = Thread.currentThread();
            System.out.println("[server] " + clientAddress() + " connected, served by "
                    + (me.isVirtual() ? "virtual" : "platform") + " thread " + me.getName());
        }

        // tag::handle[]
        @Override
        protected void handle() throws IOException {
            OutputStream out = request().getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                AsciiUpper.upperCaseInPlace(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        // end::handle[]

        @Override
        protected void finish() throws IOException {
            in.close(); // stops the watch (the framework closes the socket anyway)
        }
    }

    /** Binds the server; {@code serveForever()} then serves. */
    public static TcpServer bind(InetSocketAddress address,
            ServerOptions options) throws IOException {
        return bind(address, options, DEFAULT_IDLE_LIMIT);
    }
    // end::handler[]

    /** Binds the server, with a client's longest silence before its handler hangs up. */
    public static TcpServer bind(InetSocketAddress address, ServerOptions options, Duration idleLimit)
            throws IOException {
        return new TcpServer(address, () -> new UpperHandler(idleLimit), options);
    }

    /** Binds the server with the default options: a virtual thread per client. */
    public static TcpServer bind(InetSocketAddress address) throws IOException {
        return bind(address, ServerOptions.defaults());
    }

    /**
     * Runs the server on loopback until Ctrl-C.
     *
     * @param args optional: a port (default 8080), then a threading strategy: {@code virtual}
     *             (the default), {@code platform} or {@code pool:N}
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        ThreadingStrategy threading = ThreadingStrategy.named(args.length > 1 ? args[1] : "virtual");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        TcpServer server;
        try {
            server = bind(address, ServerOptions.defaults().withThreading(threading));
        } catch (BindException e) {
            System.err.println("Cannot listen on " + address + " (" + ErrorLog.describe(e)
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("UpperEchoServer listening on " + server.address().getAddress().getHostAddress() + ":" + server.port() + " with " + threading
                + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.serveForever();
    }
}
