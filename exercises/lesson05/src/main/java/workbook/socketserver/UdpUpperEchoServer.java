package workbook.socketserver;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Lesson 04's UDP upper-case echo server, rewritten on the framework: each datagram is a request,
 * answered by its own handler with one datagram, upper-cased.
 *
 * <pre>
 *   client ── "hello" ──▶ handler on thread handler-7 ── "HELLO" ──▶ client
 * </pre>
 * Run it with {@link #main}.
 */
public final class UdpUpperEchoServer {

    private static final int DEFAULT_PORT = 8080;

    private UdpUpperEchoServer() {
    }

    // tag::handler[]
    /** One datagram in, the same bytes upper-cased out. */
    static final class UpperHandler extends RequestHandler<Datagram> {
        // tag::handle[]
        @Override
        protected void handle() throws IOException {
            byte[] data = request().data();
            AsciiUpper.upperCaseInPlace(data, 0, data.length);
            request().reply(data);
        }
        // end::handle[]
    }

    /** Binds the server; {@code serveForever()} then serves. */
    public static UdpServer bind(InetSocketAddress address,
            ServerOptions options) throws IOException {
        return new UdpServer(address, UpperHandler::new, options);
    }
    // end::handler[]

    /** Binds the server with the default options: a virtual thread per datagram. */
    public static UdpServer bind(InetSocketAddress address) throws IOException {
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
        UdpServer server;
        try {
            server = bind(address, ServerOptions.defaults().withThreading(threading));
        } catch (BindException e) {
            System.err.println("Cannot bind UDP " + address + " (" + ErrorLog.describe(e)
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("UdpUpperEchoServer listening on UDP " + server.address().getAddress().getHostAddress() + ":" + server.port() + " with " + threading
                + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.serveForever();
    }
}
