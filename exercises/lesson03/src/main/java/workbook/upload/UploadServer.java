package workbook.upload;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Receives uploads ({@link HeaderCodec framed header}, body, framed trailer) into one directory,
 * and answers each with a {@link Verdict}.
 *
 * <p>One client at a time, as in lesson 01's two loops: this class is the connection loop, and
 * {@link UploadConversation} the communication loop with one client. Because the next client
 * waits while one is served, a slow client is dropped after the {@link ClientLimits}.
 *
 * <p>Methods for the caller: {@link #bind}, {@link #port}, {@link #serveForever}, {@link #close}.
 */
public final class UploadServer implements Closeable {

    private static final int BACKLOG = 5;
    private static final int DEFAULT_PORT = 8080;

    private final ServerSocket listener;
    private final Path directory;
    private final ClientLimits limits;
    private volatile Socket current;

    private UploadServer(ServerSocket listener, Path directory, ClientLimits limits) {
        this.listener = listener;
        this.directory = directory;
        this.limits = limits;
    }

    /**
     * Listens on {@code address} (port 0: any free port) and saves uploads into {@code directory}.
     *
     * @throws IllegalArgumentException if {@code directory} is not an existing directory
     */
    public static UploadServer bind(InetSocketAddress address, Path directory) throws IOException {
        return bind(address, directory, ClientLimits.DEFAULT);
    }

    /** The same, with other limits for slow clients (the checks use short ones). */
    public static UploadServer bind(InetSocketAddress address, Path directory, ClientLimits limits)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, BACKLOG);
        return new UploadServer(listener, directory.toRealPath(), limits);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The directory uploads are saved into (its real path). */
    public Path directory() {
        return directory;
    }

    /** The connection loop: one client after another until {@link #close}. */
    public void serveForever() throws IOException {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (SocketException e) {
                if (listener.isClosed()) {
                    return;
                }
                throw e;
            }
            try (client) {
                current = client;
                // close() may have run between accept() and the line above, and seen no
                // client to close: look again now that the client is published.
                if (listener.isClosed()) {
                    return;
                }
                new UploadConversation(client, directory, limits).converse();
            } catch (IOException e) {
                UploadConversation.log(client, "left abruptly: " + UploadConversation.describe(e));
            } finally {
                current = null;
            }
        }
    }

    /** Stops listening and ends the current conversation, so that {@link #serveForever} returns. */
    @Override
    public void close() throws IOException {
        listener.close();
        Socket client = current;
        if (client != null) {
            client.close();
        }
    }

    /**
     * Runs the server until Ctrl-C. Its first line is {@code UploadServer listening on HOST:PORT, ...}.
     *
     * @param args optional: a port (default 8080), the upload directory (default
     *             {@code workbook-uploads} in the system's temporary directory, created if
     *             missing), then an address to bind (default 127.0.0.1)
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        Path directory = args.length > 1 ? Path.of(args[1])
                : Path.of(System.getProperty("java.io.tmpdir"), "workbook-uploads");
        InetAddress host = args.length > 2 ? InetAddress.getByName(args[2]) : InetAddress.getLoopbackAddress();
        Files.createDirectories(directory);
        UploadServer server;
        try {
            server = bind(new InetSocketAddress(host, port), directory);
        } catch (BindException e) {
            System.err.println("Cannot listen on " + host.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "). Is another server still running? Pick another port: -Dport=8081");
            System.exit(1);
            return;
        }
        System.out.println("UploadServer listening on " + host.getHostAddress() + ":" + server.port()
                + ", saving into " + server.directory() + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // the process is ending anyway
            }
        }));
        server.serveForever();
    }
}
