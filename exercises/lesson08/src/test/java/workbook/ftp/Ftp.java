package workbook.ftp;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.Timeouts;

/**
 * Apache Commons Net's {@link FTPClient}, the client that drives your server in most checks, with short
 * time-outs everywhere (connect, each control reply, each data read), so that a server that stays silent
 * makes a check fail within seconds instead of hanging it.
 */
final class Ftp implements AutoCloseable {

    private final FTPClient client;

    private Ftp(FTPClient client) {
        this.client = client;
    }

    /** Connects and reads the greeting (which must be a 220). */
    static Ftp connect(int port) throws IOException {
        return connect(port, Timeouts.REPLY);
    }

    /** The same, waiting at most {@code patience} for each control reply and each data read. */
    static Ftp connect(int port, Duration patience) throws IOException {
        expectCrLfGreeting(port);
        FTPClient client = new FTPClient();
        int millis = (int) patience.toMillis();
        client.setConnectTimeout(millis);
        client.setDefaultTimeout(millis);
        client.setDataTimeout(patience);
        client.setControlEncoding(StandardCharsets.UTF_8);
        client.setAutodetectUTF8(false);
        try {
            client.connect("127.0.0.1", port);
        } catch (SocketTimeoutException e) {
            quietly(client);
            Diagnostics.snapshot();
            fail("Connected, but no greeting line ending in CR LF arrived within " + seconds(patience) + ".\n"
                    + "Commons Net (like every FTP client) reads a reply line up to CR LF (0d 0a): a reply that ends"
                    + " in a bare LF (0a) is never complete for it.");
        }
        Ftp ftp = new Ftp(client);
        ftp.expect(client.getReplyCode(), 220, "the greeting");
        client.setSoTimeout(millis);
        return ftp;
    }

    /**
     * A quick look at the greeting on a plain socket first: a reply ending in a bare LF fails at once, with
     * the bytes shown, instead of after Commons Net's time-out (it waits for a CR LF that never comes).
     */
    private static void expectCrLfGreeting(int port) throws IOException {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), (int) Timeouts.REPLY.toMillis());
            probe.setSoTimeout((int) Timeouts.REPLY.toMillis());
            InputStream in = probe.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            try {
                while ((b = in.read()) != -1 && line.size() < 1024) {
                    line.write(b);
                    if (b == '\n') {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                return; // no greeting (yet): Commons Net reports it with its own time-out
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\n'
                    && (bytes.length < 2 || bytes[bytes.length - 2] != '\r')) {
                Diagnostics.snapshot();
                fail("The greeting ends in a bare LF (0a) instead of CR LF (0d 0a):\n" + Bytes.show(bytes).indent(2)
                        + "Commons Net (like every FTP client) reads a reply line up to CR LF: it would wait for ever.");
            }
        }
    }

    FTPClient client() {
        return client;
    }

    /** USER, PASS, then TYPE I; fails unless the login is accepted with 230. */
    void login(String user, String password) throws IOException {
        client.login(user, password);
        expect(client.getReplyCode(), 230, "USER " + user + " and PASS (the right password)");
        expect(client.setFileType(FTP.BINARY_FILE_TYPE), "TYPE I");
        client.enterLocalPassiveMode();
    }

    /** Sends one command line and returns the reply code. */
    int send(String command, String argument) throws IOException {
        return argument == null ? client.sendCommand(command) : client.sendCommand(command, argument);
    }

    /** Sends one command and fails unless the reply has {@code code}. */
    String must(int code, String command, String argument) throws IOException {
        int got = send(command, argument);
        expect(got, code, command + (argument == null ? "" : " " + argument));
        return client.getReplyString();
    }

    /** The last reply, as text and hex. */
    String lastReply() {
        return show(client.getReplyString());
    }

    /** Fails with the last reply shown (text and hex) unless {@code ok}. */
    void expect(boolean ok, String what) {
        if (!ok) {
            Diagnostics.snapshot();
            fail("The server refused " + what + ". Its reply:\n" + lastReply());
        }
    }

    /** Fails with the last reply shown (text and hex) unless its code is {@code expected}. */
    void expect(int got, int expected, String what) {
        if (got != expected) {
            Diagnostics.snapshot();
            fail("Expected reply " + expected + " to " + what + ", received " + got + ":\n" + lastReply());
        }
    }

    /** STOR from memory; fails unless the server confirms with 226 (or 250). */
    void upload(String name, byte[] data) throws IOException {
        boolean ok;
        try (InputStream in = new ByteArrayInputStream(data)) {
            ok = client.storeFile(name, in);
        }
        expect(ok, "STOR " + name + " (" + data.length + " bytes)");
    }

    /** RETR into memory; fails unless the server confirms with 226 (or 250). */
    byte[] download(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok;
        try {
            ok = client.retrieveFile(name, out);
        } catch (SocketTimeoutException e) {
            Diagnostics.snapshot();
            throw new AssertionError("RETR " + name + ": after " + out.size() + " bytes nothing more came for "
                    + seconds(client.getDataTimeout()) + ", and the data connection was not closed either.\n"
                    + "In FTP's stream mode the end of the data connection is the end of the file: a client waits"
                    + " for it before it reads 226.", e);
        }
        expect(ok, "RETR " + name);
        return out.toByteArray();
    }

    /** Streams {@code size} bytes of {@link #data}(seed) up with STOR (or APPE), without holding them in memory. */
    void uploadGenerated(String name, long size, long seed, boolean append) throws IOException {
        OutputStream out = append ? client.appendFileStream(name) : client.storeFileStream(name);
        expect(out != null, (append ? "APPE " : "STOR ") + name);
        try (out) {
            writeData(out, 0, size, seed);
        }
        expect(client.completePendingCommand(), "the end of the upload of " + name + " (" + size + " bytes)");
    }

    void logout() throws IOException {
        client.logout();
    }

    @Override
    public void close() {
        quietly(client);
    }

    private static void quietly(FTPClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---- data the checks move, and how they compare it -------------------------------------------------

    /** Deterministic pseudo-random bytes: byte i of the stream with this seed. */
    static byte[] data(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes bytes [from, to) of the stream {@code data(to, seed)} would give, in 64 KiB blocks. */
    static void writeData(OutputStream out, long from, long to, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[64 * 1024];
        long at = 0;
        while (at < to) {
            int n = (int) Math.min(block.length, to - at);
            if (n < block.length) {
                block = new byte[n];
            }
            random.nextBytes(block);
            if (at + n > from) {
                int skip = (int) Math.max(0, from - at);
                out.write(block, skip, n - skip);
            }
            at += n;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    /** SHA-256 of the generated stream {@code (size, seed)}. */
    static String sha256OfData(long size, long seed) throws IOException {
        MessageDigest digest = sha256();
        writeData(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        }, 0, size, seed);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A reply (or any text) as text and hex, indented. */
    static String show(String text) {
        return Bytes.show(String.valueOf(text).getBytes(StandardCharsets.UTF_8)).indent(2).stripTrailing();
    }

    static String seconds(Duration d) {
        return d.toMillis() / 1000.0 + " s";
    }
}
