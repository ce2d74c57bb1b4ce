package workbook.socketserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A TCP server: each request is one client's connection, served by a new handler on its own thread.
 *
 * <pre>{@code
 * try (var server = new TcpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080),
 *         EchoHandler::new)) {
 *     server.serveForever();          // until another thread calls shutdown() or close()
 * }
 * }</pre>
 * The constructor binds and listens at once (Python's {@code bind_and_activate=True}), so the port
 * is known, and connections queue up, before {@link #serveForever} starts. Bind the loopback
 * address unless other machines must reach the server. When {@code handle()} returns, the
 * connection is closed: the client reads end of stream.
 */
public class TcpServer extends BaseServer<Socket> {

    private final ServerSocket listener = new ServerSocket();

    /** Binds {@code address} (port 0: any free port) with the default options: virtual threads. */
    public TcpServer(InetSocketAddress address, Supplier<? extends RequestHandler<Socket>> handlers)
            throws IOException {
        this(address, handlers, ServerOptions.defaults());
    }

    /** Binds {@code address} with the given options. */
    public TcpServer(InetSocketAddress address, Supplier<? extends RequestHandler<Socket>> handlers,
            ServerOptions options) throws IOException {
        super(handlers, options);
        Objects.requireNonNull(address, "address");
        try {
            serverBind(address, options);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** Python's server_bind() and server_activate() in one: Java's bind() also listens. */
    // tag::server-bind[]
    private void serverBind(InetSocketAddress address, ServerOptions options) throws IOException {
        // Java already turns SO_REUSEADDR on for a ServerSocket on
        // Linux and macOS; set it either way, so the knob means it.
        listener.setReuseAddress(options.allowReuseAddress());
        listener.bind(address, options.requestQueueSize());
    }
    // end::server-bind[]

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    protected Socket getRequest() throws IOException {
        return listener.accept();
    }

    @Override
    protected SocketAddress clientAddress(Socket connection) {
        return connection.getRemoteSocketAddress();
    }

    /** Closes the connection: the client reads end of stream, and a handler blocked in read() wakes up. */
    @Override
    protected void closeRequest(Socket connection) throws IOException {
        connection.close();
    }

    @Override
    protected void serverClose() throws IOException {
        listener.close();
    }
}
