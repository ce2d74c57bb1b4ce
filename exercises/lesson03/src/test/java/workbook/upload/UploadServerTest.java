package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import workbook.testkit.Patience;
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
     * Exactly what this Python sends (the seed's framing, in network order, with an extra field, then
     * the body, then the trailer):
     * <pre>
     *   h = json.dumps({"file_name": "from-python.txt", "file_size": 11,
     *                   "msg": 'framed by struct.pack("!I", n)'}).encode()
     *   t = json.dumps({"sha256": hashlib.sha256(b"hello world").hexdigest()}).encode()
     *   sock.sendall(struct.pack('!I', len(h)) + h + b"hello world" + struct.pack('!I', len(t)) + t)
     * </pre>
     */
    static final byte[] PYTHON_UPLOAD = Bytes.concat(List.of(
            new byte[] {0x00, 0x00, 0x00, 0x5c}, // struct.pack('!I', 92)
            ("{\"file_name\": \"from-python.txt\", \"file_size\": 11, "
                    + "\"msg\": \"framed by struct.pack(\\\"!I\\\", n)\"}").getBytes(StandardCharsets.US_ASCII),
            "hello world".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0x00, 0x00, 0x00, 0x4e}, // struct.pack('!I', 78)
            "{\"sha256\": \"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"}"
                    .getBytes(StandardCharsets.US_ASCII)));

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
            assertThat(verdict.ok()).withFailMessage("Python's upload (struct.pack('!I', 92) + json.dumps(h).encode()"
                    + " + b\"hello world\" + the trailer) should be saved, but the verdict was:\n%s", verdict.shown()).isTrue();
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
                    String what = "the upload of " + Wire.count(size) + " (" + plan + ")";
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
        List<String> headers = List.of("this is not JSON", "{\"file_name\":\"a.txt\"",
                "{\"file_name\":\"a.txt\"}", "{\"file_size\":0}", "{\"file_name\":\"a.txt\",\"file_size\":\"0\"}",
                "{\"file_name\":\"a.txt\",\"file_size\":-1}", "null");
        try (var server = startServer()) {
            for (String json : headers) {
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Wire.frame(Wire.yours(), json), "the header " + json);
                    Wire.Reply verdict = expectRefusal(client, "the header " + json);
                    if (!json.contains("null")) { // a Java null must never leak into a message
                        assertThat(verdict.message()).as("the verdict on the header %s", json).doesNotContain("null");
                    }
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
                    assertThat(verdict.message()).as("the verdict on the upload of %s", name)
                            .isEqualTo("saved " + name + " (" + Wire.count(size) + ", SHA-256 checked)");
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
                // Some machines cannot name a file in Chinese (a JVM under a C locale on Linux, for one):
                // there a clear refusal is right.
                assertThat(verdict.ok()).withFailMessage("This machine cannot create a file named %s (tried in a"
                        + " temporary directory): the server should refuse it with a verdict, but said:\n%s", name,
                        verdict.shown()).isFalse();
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
    @DisplayName("Step 3: a body shorter or longer than file_size is refused and leaves no file")
    void refusesBodiesOfTheWrongSize() throws Exception {
        byte[] body = Wire.randomBytes(2000, 7);
        try (var server = startServer()) {
            try (Socket client = Loopback.connect(server.port())) { // 2000 announced, 1000 sent, then EOF
                byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("short.bin", 2000));
                Wire.send(client, Bytes.concat(List.of(header, java.util.Arrays.copyOf(body, 1000))), "a short body");
                client.shutdownOutput();
                Wire.Reply verdict = expectRefusal(client, "a body of 1000 bytes where the header announced 2000");
                assertThat(verdict.message()).as("the reason for refusing a short body").contains("1000", "2000 bytes");
            }
            assertNoFileLeft("a short body");
            try (Socket client = Loopback.connect(server.port())) { // 1000 announced, 2000 sent, trailer of all 2000
                byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("long.bin", 1000));
                Wire.send(client, Bytes.concat(List.of(header, body, Wire.trailer(Wire.yours(), body))), "a long body");
                expectRefusal(client, "a body of 2000 bytes where the header announced 1000");
            }
            assertNoFileLeft("a long body");
            assertNextClientServed(server);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a wrong trailer, a missing trailer, and a trailer for other bytes are refused,"
            + " and leave no file")
    void refusesUploadsWhoseTrailerDoesNotMatch() throws Exception {
        byte[] body = Wire.randomBytes(3000, 9);
        byte[] header = Wire.frame(Wire.yours(), Wire.headerJson("checked.bin", body.length));
        byte[] other = body.clone();
        other[1234] ^= 1; // one bit: a body damaged on the way
        String sha = Wire.sha256(body);
        List<byte[]> badTrailers = List.of(
                Wire.frame(Wire.yours(), "{\"sha256\":\"not hex\"}"),
                Wire.frame(Wire.yours(), "{\"sha256\":\"" + sha.toUpperCase(java.util.Locale.ROOT) + "\"}"),
                Wire.frame(Wire.yours(), "{\"sha\":\"" + sha + "\"}"),
                Wire.frame(Wire.yours(), "not JSON at all"),
                Wire.prefix(Wire.yours(), 0));
        try (var server = startServer()) {
            for (byte[] trailer : badTrailers) {
                String what = "an upload whose trailer is\n" + Wire.indent(Bytes.show(trailer));
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Bytes.concat(List.of(header, body, trailer)), "an upload with a wrong trailer");
                    expectRefusal(client, what);
                }
                assertNoFileLeft(what);
            }
            try (Socket client = Loopback.connect(server.port())) {
                Wire.send(client, Bytes.concat(List.of(header, body)), "an upload without its trailer");
                client.shutdownOutput();
                Wire.Reply verdict = expectRefusal(client, "an upload that ends after the body, without its trailer");
                assertThat(verdict.message()).as("the reason for refusing an upload without a trailer")
                        .contains("trailer");
            }
            assertNoFileLeft("an upload without its trailer");
            try (Socket client = Loopback.connect(server.port())) {
                Wire.send(client, Bytes.concat(List.of(header, other, Wire.trailer(Wire.yours(), body))),
                        "a body with one bit changed");
                Wire.Reply verdict = expectRefusal(client, "a body whose SHA-256 is not the trailer's (one bit changed)");
                assertThat(verdict.message()).as("the reason for refusing a body the trailer does not vouch for")
                        .contains(Wire.sha256(other), sha);
            }
            assertNoFileLeft("a body whose SHA-256 is not the trailer's");
            assertNextClientServed(server);
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a refused header is explained in the protocol's words, never the JSON parser's")
    void explainsRefusalsInTheProtocolsWords() throws Exception {
        String[][] cases = {
                {"{\"file_name\":\"a.txt\"}", "refused: the header has no \"file_size\""},
                {"{\"file_name\":\"a.txt\",\"file_size\":\"12\"}", "refused: \"file_size\" must be a whole number"}};
        try (var server = startServer()) {
            for (String[] c : cases) {
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Wire.frame(Wire.yours(), c[0]), "the header " + c[0]);
                    Wire.Reply verdict = expectRefusal(client, "the header " + c[0]);
                    assertThat(verdict.message()).as("the verdict on the header %s", c[0]).startsWith(c[1])
                            .doesNotContain("creator", "Cannot", "`", "workbook.", "null");
                }
            }
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

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a stalled client (idle, dripping its header, dripping its body, silent or dripping"
            + " before its trailer) is dropped,"
            + " and the next client is served")
    void dropsStalledClients() throws Exception {
        byte[] body = Wire.randomBytes(10_000, 11);
        byte[] upload = Wire.upload(Wire.yours(), "dripped.bin", body);
        int headerEnd = upload.length - body.length - Wire.trailer(Wire.yours(), body).length;
        Map<String, byte[]> stalls = new LinkedHashMap<>();
        stalls.put("an idle client, connected but silent", new byte[0]);
        stalls.put("a client that drips its header, one byte every 100 ms", upload);
        stalls.put("a client that sends its header, then drips its body", java.util.Arrays.copyOfRange(upload, headerEnd,
                upload.length));
        int trailerStart = upload.length - Wire.trailer(Wire.yours(), body).length;
        stalls.put("a client that sends its header and body, then drips its trailer",
                java.util.Arrays.copyOfRange(upload, trailerStart, upload.length));
        stalls.put("a client that sends its header and body, then falls silent before its trailer", new byte[0]);
        Map<String, String> phase = Map.of("an idle", "header", "a client that drips its header", "header",
                "a client that sends its header, then", "body", "a client that sends its header and body", "trailer");
        try (var server = startServer(SHORT_LIMITS)) {
            for (Map.Entry<String, byte[]> stall : stalls.entrySet()) {
                String what = stall.getKey();
                try (Socket slow = Loopback.connect(server.port())) {
                    if (what.contains("sends its header, then")) {
                        Wire.send(slow, java.util.Arrays.copyOf(upload, headerEnd), "the header");
                    }
                    if (what.contains("sends its header and body")) {
                        Wire.send(slow, java.util.Arrays.copyOf(upload, trailerStart), "the header and the body");
                    }
                    Thread drip = Thread.ofPlatform().daemon().name("dripping client").start(() -> drip(slow, stall.getValue()));
                    try {
                        assertNextClientServed(server, Timeouts.REPLY.plus(STALL_LIMIT.multipliedBy(3)), "while " + what
                                + " holds the server (limits: " + SHORT_LIMITS + ")");
                        Wire.Reply verdict = expectRefusal(slow, what + ", after the limits of " + SHORT_LIMITS);
                        // A dripped header or trailer also tests step 2 (frames read whole): any refusal will do.
                        if (!what.contains("drips its header") && !what.contains("drips its trailer")) {
                            String part = phase.entrySet().stream().filter(e -> what.startsWith(e.getKey()))
                                    .map(Map.Entry::getValue).findFirst().orElseThrow();
                            long ms = STALL_LIMIT.toMillis();
                            assertThat(verdict.message()).as("the verdict for %s: it names the part that was too"
                                    + " slow, and the limit", what).contains(part)
                                    .contains(ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms");
                        }
                    } finally {
                        slow.close();
                        drip.join(Timeouts.SHUTDOWN.toMillis());
                    }
                }
                assertNoFileLeft(what);
                server.assertStillServing(what);
            }
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a slow but steady upload (its body in small pieces, for longer than each limit) is saved")
    void keepsSlowButSteadyUploads() throws Exception {
        int piece = (int) SHORT_LIMITS.minBodyBytes() * 2;
        byte[] body = Wire.randomBytes(piece * 25, 12);
        byte[] upload = Wire.upload(Wire.yours(), "steady.bin", body);
        try (var server = startServer(SHORT_LIMITS); Socket client = Loopback.connect(server.port())) {
            for (int at = 0; at < upload.length; at += piece) {
                Wire.send(client, java.util.Arrays.copyOfRange(upload, at, Math.min(upload.length, at + piece)),
                        "a piece of a steady upload");
                Patience.pause(STALL_LIMIT.toMillis() / 5);
            }
            Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), "a slow but steady upload");
            assertThat(verdict.ok()).withFailMessage("An upload that keeps moving (%s every %d ms) should be saved, even"
                    + " when it takes longer than each limit (%s); the verdict was:\n%s", Wire.count(piece),
                    STALL_LIMIT.toMillis() / 5, SHORT_LIMITS, verdict.shown()).isTrue();
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: close() ends the conversation with a connected client, and the serve loop returns")
    void closeEndsTheCurrentConversation() throws Exception {
        UploadServer server = UploadServer.bind(Loopback.anyPort(), uploads);
        assertThat(server.directory()).as("the server's directory").isEqualTo(uploads.toRealPath());
        java.util.concurrent.CompletableFuture<Void> loop = new java.util.concurrent.CompletableFuture<>();
        Thread serving = Thread.ofPlatform().name("UploadServer.serveForever").start(() -> {
            try {
                server.serveForever();
                loop.complete(null);
            } catch (Throwable e) {
                loop.completeExceptionally(e);
            }
        });
        try (Socket client = Loopback.connect(server.port())) {
            // One upload, answered: now the server is surely in a conversation with this client, waiting.
            Wire.send(client, Wire.upload(Wire.yours(), "before-close.txt", "x".getBytes()), "an upload");
            assertThat(Wire.readVerdict(client, Wire.yours(), "an upload before close()").ok()).isTrue();
            server.close();
            try {
                loop.get(Timeouts.SHUTDOWN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                fail("After close(), with a client connected, serveForever() should return within %d s, but it is"
                        + " still running.", Timeouts.SHUTDOWN.toSeconds());
            } catch (java.util.concurrent.ExecutionException e) {
                fail("After close(), serveForever() should return normally, but it threw %s", e.getCause());
            }
            assertThat(client.getInputStream().read()).as("what the client reads after close(): the end of the stream")
                    .isEqualTo(-1);
        } finally {
            server.close();
            serving.join(Timeouts.SHUTDOWN.toMillis());
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: a file_size larger than the server can take is refused before any body byte is read")
    void refusesAbsurdSizes() throws Exception {
        try (var server = startServer()) {
            for (long size : new long[] {Long.MAX_VALUE, UploadConversation.MAX_FILE_SIZE + 1}) {
                try (Socket client = Loopback.connect(server.port())) {
                    Wire.send(client, Wire.frame(Wire.yours(), Wire.headerJson("huge.bin", size)), "a huge file_size");
                    Wire.Reply verdict = expectRefusal(client, "an upload announcing " + size + " bytes");
                    assertThat(verdict.message()).as("the reason for refusing %s bytes", size)
                            .contains(String.valueOf(size), "more than");
                }
                assertNoFileLeft("a header announcing " + size + " bytes");
            }
            assertNextClientServed(server);
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: limits for slow clients must be positive: a zero or negative one is refused, naming it")
    void limitsMustBePositive() {
        Duration second = Duration.ofSeconds(1);
        List<Runnable> bad = List.of(() -> new ClientLimits(Duration.ZERO, second, 1, second),
                () -> new ClientLimits(second, Duration.ofMillis(-1), 1, second),
                () -> new ClientLimits(second, second, 1, Duration.ZERO),
                () -> new ClientLimits(null, second, 1, second),
                () -> new ClientLimits(second, second, 0, second));
        for (Runnable limits : bad) {
            org.assertj.core.api.Assertions.assertThatThrownBy(limits::run)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be");
        }
        assertThat(new ClientLimits(second, second, 1, second).minBodyBytes()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------

    /** Limits short enough for a check: a stalled client is dropped within a second or so. */
    private static final Duration STALL_LIMIT = Timeouts.REPLY.dividedBy(4);
    private static final ClientLimits SHORT_LIMITS = new ClientLimits(STALL_LIMIT, STALL_LIMIT, 1024, STALL_LIMIT);

    /** Sends {@code bytes} one at a time, 100 ms apart, until they are all sent or the socket fails. */
    private static void drip(Socket socket, byte[] bytes) {
        try {
            for (byte b : bytes) {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException dropped) {
            // the server hung up (or the check closed the socket): the drip ends
        }
    }

    private RunningServer<UploadServer> startServer() throws IOException {
        return RunningServer.start("UploadServer", UploadServer.bind(Loopback.anyPort(), uploads), UploadServer::port,
                UploadServer::serveForever);
    }

    private RunningServer<UploadServer> startServer(ClientLimits limits) throws IOException {
        return RunningServer.start("UploadServer", UploadServer.bind(Loopback.anyPort(), uploads, limits),
                UploadServer::port, UploadServer::serveForever);
    }

    /** Reads a verdict and fails unless it is a refusal ("refused: " and the reason). */
    static Wire.Reply expectRefusal(Socket client, String what) throws IOException {
        return expectRefusal(client, what, Timeouts.REPLY);
    }

    static Wire.Reply expectRefusal(Socket client, String what, Duration patience) throws IOException {
        Wire.Reply verdict = Wire.readVerdict(client, Wire.yours(), what, patience);
        if (verdict.ok()) {
            Diagnostics.snapshot();
            fail("The server should refuse %s, but its verdict was:\n%s", what, verdict.shown());
        }
        assertThat(verdict.message()).as("the verdict refusing %s", what).startsWith("refused: ");
        return verdict;
    }

    /** A fresh client uploads a small file, which must be saved. */
    private void assertNextClientServed(RunningServer<UploadServer> server) throws IOException {
        assertNextClientServed(server, Timeouts.REPLY, "");
    }

    private void assertNextClientServed(RunningServer<UploadServer> server, Duration patience, String when)
            throws IOException {
        String name = "next-" + System.nanoTime() + ".txt";
        byte[] body = "the next client".getBytes(StandardCharsets.US_ASCII);
        try (Socket next = Loopback.connect(server.port())) {
            Wire.send(next, Wire.upload(Wire.yours(), name, body), "the next client's upload");
            Wire.Reply verdict = Wire.readVerdict(next, Wire.yours(), "the next client's upload " + when, patience);
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
            Patience.pause(20);
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

    /**
     * Whether this machine can create a file named {@code name}: decided by trying, in a temporary
     * directory of its own, never by guessing from the JVM's encodings (English Windows stores
     * Chinese names fine whatever its code page).
     */
    static boolean fileSystemTakes(String name) throws IOException {
        Path probe = Files.createTempDirectory("name-probe");
        try {
            Path file = probe.resolve(name);
            Files.createFile(file);
            try (Stream<Path> names = Files.list(probe)) {
                // The name must come back as given, not in a mangled form the system chose.
                return names.map(p -> p.getFileName().toString()).toList().equals(List.of(name));
            }
        } catch (java.nio.file.InvalidPathException | IOException cannot) {
            return false;
        } finally {
            try (Stream<Path> left = Files.list(probe)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.delete(probe);
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
}
