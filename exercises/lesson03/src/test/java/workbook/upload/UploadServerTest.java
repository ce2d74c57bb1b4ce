package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.testkit.Bytes;
import workbook.testkit.Diagnostics;
import workbook.testkit.FragmentingProxy;
import workbook.testkit.LessonChecks;
import workbook.testkit.Loopback;
import workbook.testkit.ProxyPlan;
import workbook.testkit.RunningServer;
import workbook.testkit.Timeouts;

/**
 * The checks for UploadServer: each plays a client against your server on loopback, with an
 * upload directory of its own inside a sandbox directory, so that a file written outside the
 * upload directory is seen (and cleaned up).
 */
@LessonChecks
@DisplayName("Lesson 03 · UploadServer (steps 1 to 4)")
class UploadServerTest {

    static final int[] SIZES = {0, 1, 1023, 1024, 1025, 1 << 20};

    /**
     * Exactly what this Python sends (the seed's framing, in network order, with an extra field):
     * <pre>
     *   h = {"file_name": "from-python.txt", "file_size": 11,
     *        "sha256": hashlib.sha256(b"hello world").hexdigest(), "msg": 'framed by struct.pack("!I", n)'}
     *   data = json.dumps(h).encode()
     *   sock.sendall(struct.pack('!I', len(data)) + data + b"hello world")
     * </pre>
     */
    static final byte[] PYTHON_UPLOAD = Bytes.concat(List.of(
            new byte[] {0x00, 0x00, 0x00, (byte) 0xaa}, // struct.pack('!I', 170)
            ("{\"file_name\": \"from-python.txt\", \"file_size\": 11, \"sha256\": "
                    + "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\", "
                    + "\"msg\": \"framed by struct.pack(\\\"!I\\\", n)\"}").getBytes(StandardCharsets.US_ASCII),
            "hello world".getBytes(StandardCharsets.US_ASCII)));

    @TempDir
    Path sandbox;
    Path uploads;

    @BeforeEach
    void makeUploadDirectory() throws IOException {
        uploads = Files.createDirectory(sandbox.resolve("uploads"));
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the server reads an upload framed exactly as Python frames it, and answers in network order")
    void readsWhatPythonSends() throws Exception {
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            Wire.send(client, PYTHON_UPLOAD, "an upload framed by Python");
            Wire.Reply verdict = Wire.readVerdict(client, Wire.NETWORK, "Python's upload of from-python.txt");
            assertThat(verdict.ok()).withFailMessage("Python's upload (struct.pack('!I', 170) + json.dumps(h).encode()"
                    + " + b\"hello world\") should be saved, but the verdict was:\n%s", verdict.shown()).isTrue();
            assertOneFileSaved("hello world".getBytes(StandardCharsets.US_ASCII), "Python's upload");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: uploads of 0, 1, 1023, 1024, 1025 bytes and 1 MiB arrive whole through a proxy that cuts them up")
    void uploadsThroughAFragmentingProxy() throws Exception {
        try (var server = startServer()) {
            for (int size : SIZES) {
                ProxyPlan plan = size <= 1025 ? ProxyPlan.seed(size).split(1, 7).pause(Duration.ofMillis(1))
                        : ProxyPlan.seed(size).split(1, 1500);
                try (var proxy = FragmentingProxy.start(server.port(), plan);
                        Socket client = Loopback.connect(proxy.port())) {
                    byte[] body = Wire.randomBytes(size, size);
                    String what = "the upload of " + UploadServer.count(size) + " (" + plan + ")";
                    Wire.send(client, Wire.upload(Wire.yours(), "piece-" + size + ".bin", body), what);
                    Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), what);
                    assertThat(verdict.ok()).withFailMessage("%s should be saved, but the verdict was:\n%s", what,
                            verdict.shown()).isTrue();
                    assertOneFileSaved(body, what);
                }
                clean(uploads);
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: header lengths -1, 0, 8193 and 2^31-1 are refused with a verdict, and the next client is served")
    void refusesImpossibleLengths() throws Exception {
        try (var server = startServer()) {
            for (int length : new int[] {-1, 0, HeaderCodec.MAX_HEADER_LENGTH + 1, Integer.MAX_VALUE}) {
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Bytes.concat(List.of(Wire.prefix(Wire.yours(), length), "{\"file_name\":".getBytes())),
                            "a header length of " + length);
                    expectRefusal(client, "a header length of " + length);
                }
                server.assertStillServing("a header length of " + length);
                assertNextClientServed(server);
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: bad JSON and missing fields are refused with a verdict, and the next client is served")
    void refusesBadHeaders() throws Exception {
        String sha = Wire.sha256(new byte[0]);
        List<String> headers = List.of("this is not JSON", "{\"file_name\":\"a.txt\"",
                "{\"file_name\":\"a.txt\",\"file_size\":0}", "{\"file_size\":0,\"sha256\":\"" + sha + "\"}",
                "{\"file_name\":\"a.txt\",\"file_size\":\"0\",\"sha256\":\"" + sha + "\"}", "null");
        try (var server = startServer()) {
            for (String json : headers) {
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Wire.frame(Wire.yours(), json), "the header " + json);
                    expectRefusal(client, "the header " + json);
                }
                server.assertStillServing("the header " + json);
                assertNextClientServed(server);
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: files of 0, 1, 1023, 1024, 1025 bytes and 1 MiB are saved under their names, byte for byte")
    void savesUnderTheNameGiven() throws Exception {
        try (var server = startServer()) {
            for (int size : SIZES) {
                String name = "file-" + size + ".bin";
                byte[] body = Wire.randomBytes(size, 100 + size);
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Wire.upload(Wire.yours(), name, body), "the upload of " + name);
                    Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), "the upload of " + name);
                    assertThat(verdict.ok()).withFailMessage("The upload of %s should be saved, but the verdict was:\n%s",
                            name, verdict.shown()).isTrue();
                }
                assertSaved(name, body);
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a file with a Chinese name is saved under that name")
    void savesChineseName() throws Exception {
        String name = "上传测试 你好.txt";
        byte[] body = "你好, world\n".getBytes(StandardCharsets.UTF_8);
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            Wire.send(client, Wire.upload(Wire.yours(), name, body), "the upload of " + name);
            Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), "the upload of " + name);
            if (!fileSystemTakes(name)) {
                // A JVM started under a C locale cannot name files in Chinese: then a clear refusal is right.
                assertThat(verdict.ok()).withFailMessage("This machine cannot name a file %s (tried in a temporary"
                        + " folder; file names here use %s): the server should refuse it with a verdict, but said:\n%s",
                        name, jnuEncoding(), verdict.shown()).isFalse();
                return;
            }
            assertThat(verdict.ok()).withFailMessage("The upload of %s should be saved, but the verdict was:\n%s",
                    name, verdict.shown()).isTrue();
        }
        assertSaved(name, body);
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: two uploads on one connection are each answered and saved")
    void twoUploadsOnOneConnection() throws Exception {
        byte[] first = Wire.randomBytes(3000, 1);
        byte[] second = "second file\r\n".getBytes(StandardCharsets.US_ASCII);
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            Wire.send(client, Bytes.concat(List.of(Wire.upload(Wire.yours(), "first.bin", first),
                    Wire.upload(Wire.yours(), "second.txt", second))), "two uploads, back to back");
            assertThat(Wire.readVerdict(client, Wire.yours(), "the first upload").ok()).as("first verdict ok").isTrue();
            assertThat(Wire.readVerdict(client, Wire.yours(), "the second upload").ok()).as("second verdict ok").isTrue();
        }
        assertSaved("first.bin", first);
        assertSaved("second.txt", second);
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: an existing file is never overwritten: the upload is refused and the file kept")
    void neverOverwrites() throws Exception {
        byte[] original = "the original".getBytes(StandardCharsets.US_ASCII);
        Files.write(uploads.resolve("keep.txt"), original);
        try (var server = startServer(); Socket client = Loopback.connect(server.port())) {
            Wire.send(client, Wire.upload(Wire.yours(), "keep.txt", "new".getBytes()), "an upload of keep.txt");
            expectRefusal(client, "an upload named keep.txt, when keep.txt exists already");
        }
        assertThat(Files.readAllBytes(uploads.resolve("keep.txt"))).as("keep.txt after the refused upload")
                .isEqualTo(original);
        assertThat(listFiles(uploads)).as("the files in the upload directory").containsExactly("keep.txt");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a body shorter or longer than file_size, or with another SHA-256, is refused and leaves no file")
    void refusesBodiesThatDoNotMatch() throws Exception {
        byte[] body = Wire.randomBytes(2000, 7);
        try (var server = startServer()) {
            try (Socket client = Loopback.connect(server.port())) { // 2000 announced, 1000 sent, then EOF
                byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("short.bin", 2000, Wire.sha256(body)));
                Wire.send(client, Bytes.concat(List.of(header, java.util.Arrays.copyOf(body, 1000))), "a short body");
                client.shutdownOutput();
                expectRefusal(client, "a body of 1000 bytes where the header announced 2000");
            }
            assertNoFileLeft("a short body");
            try (Socket client = Loopback.connect(server.port())) { // 1000 announced, 2000 sent, SHA of all 2000
                byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("long.bin", 1000, Wire.sha256(body)));
                Wire.send(client, Bytes.concat(List.of(header, body)), "a long body");
                expectRefusal(client, "a body of 2000 bytes where the header announced 1000");
            }
            assertNoFileLeft("a long body");
            try (Socket client = Loopback.connect(server.port())) {
                byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("wrong.bin", 2000, Wire.sha256(new byte[1])));
                Wire.send(client, Bytes.concat(List.of(header, body)), "a body with another SHA-256");
                expectRefusal(client, "a body whose SHA-256 is not the header's");
            }
            assertNoFileLeft("a body with another SHA-256");
            assertNextClientServed(server);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a client that disconnects mid-upload leaves no file, not even a temporary one")
    void disconnectLeavesNoFile() throws Exception {
        byte[] body = Wire.randomBytes(500_000, 8);
        byte[] upload = Wire.upload(Wire.yours(), "half.bin", body);
        byte[] half = java.util.Arrays.copyOf(upload, upload.length / 2);
        try (var server = startServer()) {
            try (Socket client = Loopback.connect(server.port())) {
                Wire.send(client, half, "half an upload");
            } // a polite close: the server reads the end of the stream inside the body
            // The server serves one client at a time: once it has served the next one, it is done with this one.
            server.assertStillServing("a client that closed its connection in the middle of the body");
            assertNextClientServed(server);
            assertNoFileLeft("a client that closed its connection in the middle of the body");
            Socket rude = Loopback.connect(server.port());
            Wire.send(rude, half, "half an upload");
            Loopback.reset(rude); // a crash: the server's read throws "Connection reset"
            server.assertStillServing("a client that reset its connection in the middle of the body");
            assertNextClientServed(server);
            assertNoFileLeft("a client that reset its connection in the middle of the body");
        }
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: names that climb out (../x, a/../../b, an absolute path, C:\\x, empty) are refused,"
            + " and nothing is written outside the upload directory")
    void refusesNamesThatLeaveTheDirectory() throws Exception {
        // Absolute names point into this check's own sandbox: a server that writes there does no harm.
        List<String> names = List.of("../x", "a/../../b", sandbox.resolve("absolute.txt").toString(), "C:\\x", "",
                "..", "../uploads-sibling/x");
        try (var server = startServer()) {
            // A server that saves every upload under another name (step 3's bug) never looks at these
            // names: it cannot refuse them, so only the safety part can be checked here. Step 4's
            // SafeFileName checks still judge the names themselves.
            boolean usesNames = savesUnderTheGivenName(server);
            for (String name : names) {
                String what = "an upload named " + SafeFileName.quoted(name);
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Wire.upload(Wire.yours(), name, "should not be saved".getBytes()), what);
                    if (usesNames) {
                        expectRefusal(client, what);
                    } else {
                        Wire.readVerdict(client, Wire.yours(), what);
                    }
                }
                assertNothingOutsideUploads(name);
                if (usesNames) {
                    assertThat(listFiles(uploads)).as("the upload directory after %s", what).isEmpty();
                }
                clean(uploads);
            }
            assertNextClientServed(server);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private RunningServer<UploadServer> startServer() throws IOException {
        return RunningServer.start("UploadServer", UploadServer.bind(Loopback.anyPort(), uploads), UploadServer::port,
                UploadServer::serveForever);
    }

    /** Reads a verdict and fails unless it is a refusal. */
    static void expectRefusal(Socket client, String what) throws IOException {
        Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), what);
        if (verdict.ok()) {
            Diagnostics.snapshot();
            fail("The server should refuse %s, but its verdict was:\n%s", what, verdict.shown());
        }
    }

    /** A fresh client uploads a small file, which must be saved. */
    private void assertNextClientServed(RunningServer<UploadServer> server) throws IOException {
        String name = "next-" + System.nanoTime() + ".txt";
        byte[] body = "the next client".getBytes(StandardCharsets.US_ASCII);
        try (Socket next = Loopback.connect(server.port())) {
            Wire.send(next, Wire.upload(Wire.yours(), name, body), "the next client's upload");
            Wire.Reply verdict = Wire.readVerdict(next, Wire.yours(), "the next client's upload");
            assertThat(verdict.ok()).withFailMessage("The next client's upload should be saved, but the verdict was:\n%s",
                    verdict.shown()).isTrue();
        }
        // Remove only its own file (whatever name the server gave it): anything else is for the check to judge.
        try (Stream<Path> files = Files.list(uploads)) {
            for (Path file : files.toList()) {
                if (Files.size(file) == body.length && java.util.Arrays.equals(Files.readAllBytes(file), body)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Exactly one file is in the upload directory (whatever its name: names are step 3), with these bytes; then it is removed. */
    private void assertOneFileSaved(byte[] body, String what) throws IOException {
        List<String> files = listFiles(uploads);
        if (files.size() != 1) {
            Diagnostics.snapshot();
            fail("After %s the upload directory should hold one file, but it holds %s.", what, files);
        }
        byte[] saved = Files.readAllBytes(uploads.resolve(files.get(0)));
        assertThat(saved).withFailMessage(() -> "The file saved for " + what + " differs from what was sent.\n"
                + Bytes.compare(body, List.of(saved))).isEqualTo(body);
        clean(uploads);
    }

    private void assertSaved(String name, byte[] body) throws IOException {
        Path file = uploads.resolve(name);
        if (!Files.isRegularFile(file)) {
            Diagnostics.snapshot();
            fail("After the upload of \"%s\" there is no file of that name in the upload directory; it holds %s.",
                    name, listFiles(uploads));
        }
        byte[] saved = Files.readAllBytes(file);
        assertThat(saved).withFailMessage(() -> "The file saved as " + name + " differs from what was sent.\n"
                + Bytes.compare(body, List.of(saved))).isEqualTo(body);
    }

    /** Waits (boundedly) for the upload directory to be empty: no file, no temporary file. */
    private void assertNoFileLeft(String after) throws IOException {
        long deadline = System.nanoTime() + Timeouts.REPLY.toNanos();
        while (!listFiles(uploads).isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        List<String> left = listFiles(uploads);
        if (!left.isEmpty()) {
            Diagnostics.snapshot();
            fail("After %s the upload directory should be empty (a partial upload must never stay behind, not even"
                    + " as a temporary file), but it holds %s.", after, left);
        }
    }

    private void assertNothingOutsideUploads(String name) throws IOException {
        List<Path> outside;
        try (Stream<Path> all = Files.walk(sandbox)) {
            outside = all.filter(p -> !p.equals(sandbox) && !p.startsWith(uploads)).toList();
        }
        if (!outside.isEmpty()) {
            Diagnostics.snapshot();
            fail("After an upload named %s, the server created %s outside its upload directory %s.",
                    SafeFileName.quoted(name), outside, uploads);
        }
    }

    /** Whether the server saves an upload under the file_name of its header (step 3). */
    private boolean savesUnderTheGivenName(RunningServer<UploadServer> server) throws IOException {
        try (Socket probe = Loopback.connect(server.port())) {
            Wire.send(probe, Wire.upload(Wire.yours(), "probe.txt", "probe".getBytes()), "a probe upload");
            Wire.readVerdict(probe, Wire.yours(), "a probe upload named probe.txt");
        }
        boolean usesName = Files.exists(uploads.resolve("probe.txt"));
        clean(uploads);
        return usesName;
    }

    private static String jnuEncoding() {
        return System.getProperty("sun.jnu.encoding", "UTF-8");
    }

    /**
     * Whether this JVM can name a file {@code name} here, found out by trying in a temporary folder: the
     * encoding's name does not tell (English Windows says Cp1252, yet NTFS stores Chinese names fine; a JVM
     * under a C locale cannot name them at all).
     */
    static boolean fileSystemTakes(String name) {
        Path probe = null;
        try {
            probe = Files.createTempDirectory("name-probe");
            Files.delete(Files.createFile(probe.resolve(name)));
            return true;
        } catch (InvalidPathException | IOException cannot) {
            return false;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a temporary folder left behind
                }
            }
        }
    }

    static List<String> listFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static void clean(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
