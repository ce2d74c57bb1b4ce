package workbook.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's own FTP client, on plain sockets: the same client for every server measured, so
 * that only the server differs (not the student's client, and no library's buffering choices).
 * Passive mode with EPSV (every server measured offers it); binary transfers through NIO channels:
 * STOR sends the file with {@link FileChannel#transferTo} (sendfile on Linux), RETR reads into a
 * 1 MiB direct buffer and writes it to the file (or drops it). Bounded: the control connection has
 * a read timeout, and each data connection is closed by a watchdog if a transfer outlives
 * {@link #TRANSFER_LIMIT_S}.
 */
final class FtpLoadClient implements Closeable {

    static final int TRANSFER_LIMIT_S = 300;
    private static final Pattern EPSV_PORT = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(daemon());

    private final Socket control;
    private final BufferedReader replies;
    private final OutputStream commands;

    private FtpLoadClient(Socket control) throws IOException {
        this.control = control;
        this.replies = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
        this.commands = control.getOutputStream();
    }

    /** Connects, reads the greeting, logs in and switches to binary. */
    static FtpLoadClient login(InetSocketAddress server, String user, String password) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, 10_000);
            socket.setSoTimeout(TRANSFER_LIMIT_S * 1000);
            socket.setTcpNoDelay(true);
            FtpLoadClient client = new FtpLoadClient(socket);
            client.expect(220, client.reply());
            String afterUser = client.command("USER " + user);
            if (!afterUser.startsWith("230")) {
                client.expect(331, afterUser);
                client.expect(230, client.command("PASS " + password));
            }
            client.expect(200, client.command("TYPE I"));
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** RETR into {@code local} (created or replaced), or dropped when {@code local} is null; returns the bytes received. */
    long retr(String remote, Path local) throws IOException {
        try (SocketChannel data = passive()) {
            expectPreliminary(command("RETR " + remote));
            ScheduledFuture<?> watchdog = guard(data);
            long received = 0;
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            try (FileChannel file = local == null ? null : FileChannel.open(local, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int n; (n = data.read(buffer)) != -1; ) {
                    received += n;
                    if (!buffer.hasRemaining() || file == null) {
                        drain(buffer, file);
                    }
                }
                drain(buffer, file);
            } finally {
                watchdog.cancel(false);
            }
            expect(226, reply());
            return received;
        }
    }

    /** STOR of the whole of {@code local}. */
    void stor(Path local, String remote) throws IOException {
        try (SocketChannel data = passive(); FileChannel file = FileChannel.open(local, StandardOpenOption.READ)) {
            expectPreliminary(command("STOR " + remote));
            ScheduledFuture<?> watchdog = guard(data);
            try {
                long size = file.size();
                for (long sent = 0; sent < size; ) {
                    sent += file.transferTo(sent, size - sent, data);
                }
                data.shutdownOutput();
            } finally {
                watchdog.cancel(false);
            }
        }
        expect(226, reply());
    }

    /** QUIT, then close. */
    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException alreadyGone) {
            // closing anyway
        } finally {
            control.close();
        }
    }

    private SocketChannel passive() throws IOException {
        String reply = command("EPSV");
        expect(229, reply);
        Matcher port = EPSV_PORT.matcher(reply);
        if (!port.find()) {
            throw new IOException("cannot read the port in: " + reply);
        }
        InetSocketAddress address = new InetSocketAddress(control.getInetAddress(), Integer.parseInt(port.group(1)));
        return SocketChannel.open(address);
    }

    private static void drain(ByteBuffer buffer, FileChannel file) throws IOException {
        buffer.flip();
        while (file != null && buffer.hasRemaining()) {
            file.write(buffer);
        }
        buffer.clear();
    }

    /** Closes the data channel if the transfer is still going after the limit: the bench cannot hang on a server. */
    private static ScheduledFuture<?> guard(SocketChannel data) {
        return WATCHDOG.schedule(() -> {
            try {
                data.close();
            } catch (IOException ignored) {
                // it is being closed
            }
        }, TRANSFER_LIMIT_S, TimeUnit.SECONDS);
    }

    private String command(String line) throws IOException {
        commands.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        return reply();
    }

    /** One reply; of a multi-line reply ("123-..." up to "123 ..."), its last line. */
    private String reply() throws IOException {
        String line = replies.readLine();
        if (line == null) {
            throw new IOException("the server closed the control connection");
        }
        if (line.length() > 3 && line.charAt(3) == '-') {
            String end = line.substring(0, 3) + " ";
            do {
                line = replies.readLine();
                if (line == null) {
                    throw new IOException("the server closed the control connection in a multi-line reply");
                }
            } while (!line.startsWith(end));
        }
        return line;
    }

    private static void expect(int code, String reply) throws IOException {
        if (!reply.startsWith(code + " ")) {
            throw new IOException("expected " + code + ", got: " + reply);
        }
    }

    private static void expectPreliminary(String reply) throws IOException {
        if (!reply.startsWith("1")) {
            throw new IOException("expected 125 or 150, got: " + reply);
        }
    }

    private static ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "bench-ftp-watchdog");
            t.setDaemon(true);
            return t;
        };
    }
}
