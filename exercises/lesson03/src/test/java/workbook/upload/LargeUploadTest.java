package workbook.upload;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import workbook.testkit.Bytes;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ProxyPlan;
import workbook.testkit.SocketWatchdog;
import workbook.testkit.Timeouts;

/**
 * A file far larger than the server's memory: your UploadServer runs in a JVM of its own with a
 * 32 MiB heap, and receives a 256 MiB file through the fragmenting proxy. A server that holds the
 * body in memory runs out of heap; one that streams it does not notice.
 */
@LessonChecks
@DisplayName("Lesson 03 · UploadServer with a small heap (step 3)")
class LargeUploadTest {

    private static final long SIZE = 256L << 20;
    private static final String HEAP = "-Xmx32m";
    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s,]*:(\\d+)");
    private static final Duration START_PATIENCE = Duration.ofSeconds(15);
    /** How long one 16 MiB stretch of the body may take to send: a server that stops reading fails fast. */
    private static final Duration STRETCH_PATIENCE = Timeouts.REPLY.multipliedBy(3);
    private static final int STRETCH = 16;
    /** The server still has the bytes in flight to receive and hash after the last write. */
    private static final Duration VERDICT_PATIENCE = Timeouts.REPLY.multipliedBy(2);

    @TempDir
    Path sandbox;

    @Test
    @Tag("step:3")
    @Timeout(90)
    @DisplayName("Step 3: a 256 MiB file is saved byte for byte by a server whose heap is 32 MiB, through the proxy")
    void streamsAFileLargerThanTheHeap() throws Exception {
        Path source = sandbox.resolve("source.bin");
        String sha256 = generate(source, SIZE);
        Path uploads = Files.createDirectory(sandbox.resolve("uploads"));
        Path log = sandbox.resolve("server.log");
        Process server = startServer(uploads, log);
        try {
            int port = awaitPort(server, log);
            try (var proxy = FragmentingProxy.start(port, ProxyPlan.seed(1).split(1, 65_536));
                    Socket client = Loopback.connect(proxy.port())) {
                byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("big.bin", SIZE));
                sendStreamed(client, header, source, server, log);
                Wire.send(client, Wire.frame(Wire.yours(), Wire.trailerJson(sha256)), "the trailer after 256 MiB");
                Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), "the 256 MiB upload", VERDICT_PATIENCE);
                if (!verdict.ok()) {
                    fail("The 256 MiB upload should be saved, but the verdict was:\n" + verdict.shown() + tail(log));
                }
            }
            Path saved = uploads.resolve("big.bin");
            if (!Files.isRegularFile(saved)) {
                fail("After the 256 MiB upload there is no big.bin in the upload directory; it holds "
                        + UploadServerTest.listFiles(uploads) + "." + tail(log));
            }
            long mismatch = Files.mismatch(source, saved);
            if (mismatch != -1) {
                fail("big.bin (" + Files.size(saved) + " bytes) differs from the " + SIZE + " bytes sent, first at byte "
                        + mismatch + "." + tail(log));
            }
        } finally {
            stop(server);
        }
    }

    /** Writes {@code size} reproducible bytes to {@code file}, a MiB at a time; returns their SHA-256. */
    private static String generate(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        new Random(256).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0, index = 0; written < size; written += block.length, index++) {
                ByteBuffer.wrap(block).putLong(index); // every MiB differs from the others
                sha.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Your UploadServer's main, in a JVM of its own with a heap far smaller than the file. */
    private static Process startServer(Path uploads, Path log) throws IOException, URISyntaxException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(UploadServer.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)) {
            classPath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> command = List.of(javaCommand, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                String.join(File.pathSeparator, classPath), UploadServer.class.getName(), "0",
                uploads.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the "listening on HOST:PORT" line; fails with the server's output if it does not come. */
    private static int awaitPort(Process server, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        return fail("Your UploadServer (java " + HEAP + " workbook.upload.UploadServer 0 DIR) did not print"
                + " \"UploadServer listening on HOST:PORT\" within " + START_PATIENCE.toSeconds() + " s"
                + (server.isAlive() ? "." : "; it exited with code " + server.exitValue() + ".") + tail(log));
    }

    /** Sends the header, then the file a MiB at a time: the check streams too. */
    private static void sendStreamed(Socket client, byte[] header, Path source, Process server, Path log)
            throws IOException {
        long sent = 0;
        try (InputStream in = Files.newInputStream(source)) {
            OutputStream out = client.getOutputStream();
            out.write(header);
            byte[] buffer = new byte[1 << 20];
            boolean more = true;
            while (more) {
                // A fresh deadline for every stretch of 16 MiB: progress, not total time, is what counts.
                try (SocketWatchdog watchdog = SocketWatchdog.start(client, STRETCH_PATIENCE)) {
                    try {
                        for (int i = 0; i < STRETCH && more; i++) {
                            int n = in.readNBytes(buffer, 0, buffer.length);
                            out.write(buffer, 0, n);
                            sent += n;
                            more = n == buffer.length;
                        }
                        out.flush();
                    } catch (SocketException e) {
                        fail("Sending the 256 MiB body stopped after " + Wire.count(sent) + ": " + (watchdog.fired()
                                ? "the next " + STRETCH + " MiB did not go out within " + STRETCH_PATIENCE.toSeconds()
                                        + " s: the server stopped reading."
                                : e.getMessage() + ".") + (server.isAlive() ? "" : " Your server's JVM has exited.")
                                + tail(log));
                    }
                }
            }
        }
    }

    /** Stops the server's JVM: politely (its shutdown hook closes the server), then by force. */
    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The last lines your server printed, for failure messages. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return "\nYour server's last output lines:\n" + Wire.indent(String.join("\n", last));
        } catch (IOException e) {
            return "";
        }
    }
}
