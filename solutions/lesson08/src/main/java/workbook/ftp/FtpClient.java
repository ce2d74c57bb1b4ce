package workbook.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An FTP client on plain sockets: commands and replies on the control connection, each listing or
 * file on a passive data connection of its own, and every transfer verified afterwards.
 */
public final class FtpClient implements AutoCloseable {

    /** Long enough for a busy server, short enough that a dead one is reported instead of waited on forever. */
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final int BLOCK = 64 * 1024;

    private final Socket control;
    private final InputStream replies;
    private final OutputStream commands;
    private final String greeting;
    private boolean hashOffered;
    private boolean epsvRefused;

    private FtpClient(Socket control) throws IOException {
        this.control = control;
        this.replies = new BufferedInputStream(control.getInputStream());
        this.commands = control.getOutputStream();
        this.greeting = require(ServerReply.read(replies), 2).toString();
    }

    /** Connects and reads the greeting ("220 ..."); a server that is busy or refuses says so in an FtpException. */
    public static FtpClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new FtpClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's greeting, such as "220 FTP server ready". */
    public String greeting() {
        return greeting;
    }

    /** USER, PASS when asked for (331), then what every transfer needs: the server's features and binary mode. */
    public void login(String user, String password) throws IOException {
        ServerReply reply = send("USER " + user);
        if (reply.kind() == 3) {
            reply = send("PASS " + password);
        }
        require(reply, 2);
        hashOffered = features().stream().anyMatch(f -> f.startsWith("HASH") && f.contains("SHA-256"));
        require(send("TYPE I"), 2); // binary: the bytes arrive unchanged, so sizes and hashes can match
    }

    public String pwd() throws IOException {
        return require(send("PWD"), 2).quoted();
    }

    public void cd(String dir) throws IOException {
        require(send("CWD " + dir), 2);
    }

    /** The LIST lines ({@code ls -l} style); null or "" lists the current directory. */
    public List<String> list(String dir) throws IOException {
        return lines("LIST", dir);
    }

    /** The NLST lines: names only. */
    public List<String> names(String dir) throws IOException {
        return lines("NLST", dir);
    }

    public void mkdir(String dir) throws IOException {
        require(send("MKD " + dir), 2);
    }

    public void delete(String file) throws IOException {
        require(send("DELE " + file), 2);
    }

    /** The file's size in bytes (SIZE, RFC 3659). */
    public long size(String remote) throws IOException {
        ServerReply reply = require(send("SIZE " + remote), 2);
        try {
            return Long.parseLong(reply.text().strip());
        } catch (NumberFormatException e) {
            throw new FtpException(0, "reply not understood: " + reply);
        }
    }

    /** Downloads the whole file, replacing {@code local}, then verifies it. */
    public void get(String remote, Path local, ProgressListener progress) throws IOException {
        download(remote, local, 0, progress, CREATE, TRUNCATE_EXISTING, WRITE);
    }

    /** Resumes a download: asks for the bytes after those {@code local} already has, appends them, verifies. */
    // tag::reget[]
    public void reget(String remote, Path local, ProgressListener progress) throws IOException {
        long have = Files.exists(local) ? Files.size(local) : 0;
        download(remote, local, have, progress, CREATE, APPEND);
    }
    // end::reget[]

    /** Uploads the whole file, then verifies it. */
    public void put(Path local, String remote, ProgressListener progress) throws IOException {
        upload(local, remote, 0, progress);
    }

    /** Resumes an upload: sends the bytes after those the server already has, then verifies. */
    public void reput(Path local, String remote, ProgressListener progress) throws IOException {
        long have;
        try {
            have = size(remote);
        } catch (FtpException e) {
            if (e.code() != 550) {
                throw e;
            }
            have = 0; // no such file yet: start at its first byte
        }
        upload(local, remote, have, progress);
    }

    /** The server's SHA-256 of the file (HASH, draft-bryan-ftpext-hash), or empty if the server does not offer it. */
    public Optional<String> hash(String remote) throws IOException {
        if (!hashOffered) {
            return Optional.empty();
        }
        // "213 SHA-256 0-1048575 9f86d081...0a08 file.bin": algorithm, byte range, hex, path
        String[] parts = require(send("HASH " + remote), 2).text().split(" ", 4);
        if (parts.length < 4 || !parts[0].equalsIgnoreCase("SHA-256")) {
            throw new FtpException(0, "HASH reply not understood: " + String.join(" ", parts));
        }
        return Optional.of(parts[2].toLowerCase(Locale.ROOT));
    }

    /** QUIT, then closes the connection whatever the server answers: the session is over either way. */
    @Override
    public void close() {
        try (Socket socket = control) {
            send("QUIT");
        } catch (IOException e) {
            // a server that already hung up has nothing more to say
        }
    }

    private void download(String remote, Path local, long offset, ProgressListener progress, OpenOption... mode)
            throws IOException {
        long total = size(remote);
        requireResumable(offset, total, remote);
        try (OutputStream out = Files.newOutputStream(local, mode)) {
            transfer(offset, "RETR " + remote, data -> copy(data.getInputStream(), out, offset, total, progress));
        }
        verify(remote, local);
    }

    private void upload(Path local, String remote, long offset, ProgressListener progress) throws IOException {
        long total = Files.size(local);
        requireResumable(offset, total, remote);
        try (InputStream in = Files.newInputStream(local)) {
            in.skipNBytes(offset);
            transfer(offset, "STOR " + remote, data -> copy(in, data.getOutputStream(), offset, total, progress));
        }
        verify(remote, local);
    }

    private static void requireResumable(long offset, long total, String remote) throws FtpException {
        if (offset > total) {
            throw new FtpException(0, "cannot resume " + remote + ": " + offset + " bytes were already sent of "
                    + total);
        }
    }

    /** After every transfer: the server's SHA-256 against ours when it offers HASH, else at least the sizes. */
    private void verify(String remote, Path local) throws IOException {
        Optional<String> theirs = hash(remote);
        if (theirs.isPresent()) {
            String ours = sha256(local);
            if (!ours.equals(theirs.get())) {
                throw new FtpException(0, "verification failed: SHA-256 of " + remote + " is " + theirs.get()
                        + " on the server but " + ours + " here");
            }
        } else {
            long theirSize = size(remote);
            long ourSize = Files.size(local);
            if (theirSize != ourSize) {
                throw new FtpException(0, "verification failed: " + remote + " has " + theirSize
                        + " bytes on the server but " + ourSize + " here");
            }
        }
    }

    private List<String> lines(String command, String dir) throws IOException {
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        String line = dir == null || dir.isEmpty() ? command : command + " " + dir;
        transfer(0, line, data -> data.getInputStream().transferTo(listing));
        return listing.toString(UTF_8).lines().toList();
    }

    /** What happens on the data connection while the command runs. */
    private interface DataWork {
        void on(Socket data) throws IOException;
    }

    /**
     * One command with a data connection: the connection first, REST if resuming, the command (1xx: the
     * server is ready), the bytes, and the closed data connection, which ends a file; then the final reply
     * (2xx: everything arrived).
     */
    private void transfer(long offset, String command, DataWork work) throws IOException {
        try (Socket data = openData()) {
            if (offset != 0) {
                require(send("REST " + offset), 3);
            }
            require(send(command), 1);
            work.on(data);
        }
        require(ServerReply.read(replies), 2);
    }

    /** A passive data connection: we connect to the server, which works through firewalls and NAT. */
    private Socket openData() throws IOException {
        int port = epsvRefused ? pasvPort() : epsvPort();
        Socket data = new Socket();
        try {
            // The control connection's address, not one a PASV reply names: a server behind NAT may name an address
            // we cannot reach, and a hostile one could point us at a third machine.
            data.connect(new InetSocketAddress(control.getInetAddress(), port), TIMEOUT_MILLIS);
            data.setSoTimeout(TIMEOUT_MILLIS);
            return data;
        } catch (IOException e) {
            data.close();
            throw e;
        }
    }

    /** EPSV (RFC 2428): a port alone, for IPv4 and IPv6 alike; PASV for an older server that does not know it. */
    private int epsvPort() throws IOException {
        ServerReply reply = send("EPSV");
        if (reply.kind() == 5) {
            epsvRefused = true; // no need to ask again on every transfer
            return pasvPort();
        }
        return require(reply, 2).epsvPort();
    }

    private int pasvPort() throws IOException {
        return require(send("PASV"), 2).pasvPort();
    }

    private static void copy(InputStream in, OutputStream out, long done, long total, ProgressListener progress)
            throws IOException {
        byte[] block = new byte[BLOCK];
        progress.progress(done, total);
        for (int n = in.read(block); n != -1; n = in.read(block)) {
            out.write(block, 0, n);
            done += n;
            progress.progress(done, total);
        }
    }

    /** FEAT's lines between the first and the last, such as "SIZE" or "HASH SHA-256"; none if FEAT is unknown. */
    private List<String> features() throws IOException {
        ServerReply reply = send("FEAT");
        List<String> lines = reply.lines();
        return reply.code() == 211 ? lines.subList(1, lines.size() - 1).stream().map(String::strip).toList() : List.of();
    }

    private ServerReply send(String command) throws IOException {
        if (command.contains("\r") || command.contains("\n")) {
            // a line break would end this command early and smuggle in another one after it
            throw new FtpException(0, "a name or password cannot contain a line break");
        }
        commands.write((command + "\r\n").getBytes(UTF_8)); // a socket's stream has no buffer to flush
        return ServerReply.read(replies);
    }

    private static ServerReply require(ServerReply reply, int kind) throws FtpException {
        if (reply.kind() != kind) {
            throw new FtpException(reply.code(), reply.toString());
        }
        return reply;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
