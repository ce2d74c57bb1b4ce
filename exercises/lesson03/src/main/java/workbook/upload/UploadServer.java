package workbook.upload;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Receives uploads ({@link HeaderCodec framed header}, then the body) into one directory, and
 * answers each with a {@link Verdict}.
 *
 * <p>One client at a time, several uploads per connection, as in lesson 01's two loops. For
 * each upload it checks the header, streams the body into a hidden temporary file in the same
 * directory while computing its SHA-256, and only when size and checksum match renames it, in
 * one atomic step, to its real name. Whatever goes wrong, the temporary file is deleted: a
 * half-received upload never looks like a complete file. After a refusal it hangs up, because
 * it no longer knows where the next frame would start.
 *
 * <p>Methods for the caller: {@link #bind}, {@link #port}, {@link #serveForever}, {@link #close}.
 */
public final class UploadServer implements Closeable {

    private static final int BACKLOG = 5;
    private static final int DEFAULT_PORT = 8080;
    /** The largest upload this server accepts, whatever the disk could take. */
    static final long MAX_FILE_SIZE = 64L << 30;
    /** Large reads: fewer system calls; 1 MiB is still nothing next to the heap. */
    private static final int BUFFER_SIZE = 1 << 20;
    /** A client that sends nothing for this long is dropped, so it cannot block the server. */
    private static final int IDLE_TIMEOUT_MS = 30_000;
    /** After a refusal, how long to wait for the client to stop sending before closing. */
    private static final int DRAIN_TIMEOUT_MS = 1_000;

    private final ServerSocket listener;
    private final Path directory;
    private volatile Socket current;

    private UploadServer(ServerSocket listener, Path directory) {
        this.listener = listener;
        this.directory = directory;
    }

    /**
     * Listens on {@code address} (port 0: any free port) and saves uploads into {@code directory}.
     *
     * @throws IllegalArgumentException if {@code directory} is not an existing directory
     */
    public static UploadServer bind(InetSocketAddress address, Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, BACKLOG);
        return new UploadServer(listener, directory.toRealPath());
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
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
                converse(client);
            } catch (IOException e) {
                log(client, "left abruptly: " + e.getMessage());
            } finally {
                current = null;
            }
        }
    }

    /** The communication loop: upload after upload, each answered, until the client hangs up. */
    // tag::converse[]
    private void converse(Socket client) throws IOException {
        client.setSoTimeout(IDLE_TIMEOUT_MS);
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        while (true) {
            Optional<UploadHeader> header;
            try {
                header = HeaderCodec.read(in, UploadHeader.class);
            } catch (FrameException e) {
                Verdict refusal = Verdict.refused(e.getMessage());
                log(client, refusal.message());
                answerAndHangUp(client, refusal);
                return;
            }
            if (header.isEmpty()) {
                return; // the client hung up between uploads
            }
            Verdict verdict = receive(header.get(), in);
            log(client, verdict.message());
            if (!verdict.ok()) {
                answerAndHangUp(client, verdict);
                return;
            }
            HeaderCodec.write(out, verdict);
        }
    }
    // end::converse[]

    /** Checks the header, then streams the body to a temporary file and renames it if it is right. */
    // tag::starter-receive[]
    private Verdict receive(UploadHeader header, InputStream in)
            throws IOException {
        Path target;
        try {
            // TODO(step 3): The seed opened real_dic.get('file_size'), and
            //  so does this line: every upload is saved under a number.
            //  Save it under the name the client gave in its header.
            target = SafeFileName.resolve(directory,
                    String.valueOf(header.fileSize()));
            refuseIfUnfit(header, target);
        } catch (RefusedException e) {
            return Verdict.refused(e.getMessage());
        }
        // Hidden, in the same directory (so the rename cannot
        // cross file systems), and never the name the client asked.
        // tag::slide-rename[]
        Path part = Files.createTempFile(directory, ".upload-",
                ".part");
        try {
            String sha256 = copyBody(in, part, header.fileSize());
            if (!sha256.equals(header.sha256())) {
                return Verdict.refused("the body's SHA-256 is "
                        + sha256 + ", not " + header.sha256());
            }
            Files.move(part, target, ATOMIC_MOVE);
            return saved(header);
        } catch (EOFException e) {
            return Verdict.refused(e.getMessage());
        } finally {
            Files.deleteIfExists(part); // gone if it was renamed
        }
        // end::slide-rename[]
    }
    // end::starter-receive[]

    private static Verdict saved(UploadHeader header) {
        return Verdict.saved("saved " + header.fileName() + " (" + count(header.fileSize()) + ", SHA-256 checked)");
    }

    /** "1 byte", "5 bytes". */
    static String count(long bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** Refuses a name that exists (never overwrite silently) and a size this server cannot take. */
    private void refuseIfUnfit(UploadHeader header, Path target) throws RefusedException, IOException {
        if (Files.exists(target)) {
            throw new RefusedException(SafeFileName.quoted(header.fileName()) + " exists already");
        }
        long room = Math.min(MAX_FILE_SIZE, Files.getFileStore(directory).getUsableSpace());
        if (header.fileSize() > room) {
            throw new RefusedException("file_size " + header.fileSize()
                    + " is more than this server can take (" + room + " bytes)");
        }
    }

    /** Copies exactly {@code size} bytes from {@code in} into {@code part}; returns their SHA-256 in hex. */
    // tag::copy-body[]
    private static String copyBody(InputStream in, Path part,
            long size) throws IOException {
        MessageDigest sha = UploadHeader.newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (OutputStream file = Files.newOutputStream(part)) {
            long left = size;
            // tag::slide-copy[]
            while (left > 0) {
                // Never read past this body: the next
                // upload's header may follow right behind it.
                int n = in.read(buffer, 0,
                        (int) Math.min(buffer.length, left));
                if (n == -1) {
                    throw new EOFException("the body ended after "
                            + (size - left) + " of " + count(size));
                }
                sha.update(buffer, 0, n);
                file.write(buffer, 0, n);
                left -= n;
            }
            // end::slide-copy[]
        }
        return UploadHeader.hex(sha.digest());
    }
    // end::copy-body[]

    /**
     * Sends a refusal and ends the connection. It first stops sending (FIN after the verdict), then
     * reads and discards what the client still sends, briefly: closing a socket with unread bytes
     * makes the system answer with a reset, which can destroy the verdict before the client reads it.
     */
    private static void answerAndHangUp(Socket client, Verdict verdict) {
        try {
            HeaderCodec.write(client.getOutputStream(), verdict);
            client.shutdownOutput();
            client.setSoTimeout(DRAIN_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            byte[] sink = new byte[64 * 1024];
            long deadline = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000L;
            while (System.nanoTime() < deadline && in.read(sink) != -1) {
                // discarded: the upload was refused
            }
        } catch (IOException e) {
            // The client is gone or silent: nothing more to tell it.
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

    private static void log(Socket client, String event) {
        System.out.println("[server] " + client.getRemoteSocketAddress() + " " + event);
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
