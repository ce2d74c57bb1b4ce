package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.ChunkedInputStream;
import workbook.testkit.LessonChecks;

/** HeaderCodec on its own, without sockets: bytes in, headers out, and back. */
@LessonChecks
@DisplayName("Lesson 03 · HeaderCodec (steps 1 and 2)")
class HeaderCodecTest {

    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final UploadHeader HI = new UploadHeader("hi.txt", 5);

    /**
     * Exactly what this Python sends before the body (json.dumps escapes non-ASCII as \\uXXXX and puts
     * spaces after ':' and ','):
     * <pre>
     *   h = json.dumps({"file_name": "你好.txt", "file_size": 5}).encode()
     *   sock.sendall(struct.pack('!I', len(h)) + h)
     * </pre>
     */
    static final byte[] PYTHON_HEADER = Bytes.concat(List.of(
            new byte[] {0x00, 0x00, 0x00, 0x31}, // struct.pack('!I', 49)
            "{\"file_name\": \"\\u4f60\\u597d.txt\", \"file_size\": 5}".getBytes(StandardCharsets.US_ASCII)));

    /**
     * Exactly what this Python sends after the body b"hello":
     * <pre>
     *   t = json.dumps({"sha256": hashlib.sha256(b"hello").hexdigest()}).encode()
     *   sock.sendall(struct.pack('!I', len(t)) + t)
     * </pre>
     */
    static final byte[] PYTHON_TRAILER = Bytes.concat(List.of(
            new byte[] {0x00, 0x00, 0x00, 0x4e}, // struct.pack('!I', 78)
            ("{\"sha256\": \"" + HELLO_SHA256 + "\"}").getBytes(StandardCharsets.US_ASCII)));

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a header encodes to its length in network byte order (big-endian), then its JSON")
    void encodesLengthInNetworkOrder() {
        byte[] json = "{\"file_name\":\"hi.txt\",\"file_size\":5}".getBytes(StandardCharsets.UTF_8);
        byte[] expected = Bytes.concat(List.of(new byte[] {0, 0, 0, (byte) json.length}, json));
        byte[] encoded = HeaderCodec.encode(HI);
        assertThat(encoded)
                .withFailMessage(() -> "HeaderCodec.encode(" + HI + ") should be 4 length bytes in network order"
                        + " (00 00 00 24 for 36 bytes of JSON, as struct.pack('!I', 36) makes them), then the JSON.\n"
                        + Bytes.compare(expected, List.of(Arrays.copyOf(encoded, Math.min(4, encoded.length)),
                                Arrays.copyOfRange(encoded, Math.min(4, encoded.length), encoded.length))))
                .isEqualTo(expected);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a header and a trailer made by Python's struct.pack('!I', n) + json.dumps(...).encode() decode")
    void decodesWhatPythonSends() throws IOException {
        Optional<UploadHeader> header = readOrFail(new ByteArrayInputStream(PYTHON_HEADER), "Python's bytes");
        assertThat(header).as("HeaderCodec.read of Python's bytes:\n%s", Bytes.show(PYTHON_HEADER))
                .contains(new UploadHeader("你好.txt", 5));
        Optional<UploadTrailer> trailer;
        try {
            trailer = HeaderCodec.read(new ByteArrayInputStream(PYTHON_TRAILER), UploadTrailer.class);
        } catch (FrameException e) {
            trailer = fail("HeaderCodec.read of Python's trailer threw %s", e);
        }
        assertThat(trailer).as("HeaderCodec.read of Python's trailer:\n%s", Bytes.show(PYTHON_TRAILER))
                .contains(new UploadTrailer(HELLO_SHA256));
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: what HeaderCodec writes, it reads back, Chinese names included")
    void roundTrips() throws IOException {
        UploadHeader header = new UploadHeader("上传 测试 ✓.bin", 1L << 40);
        byte[] frame = HeaderCodec.encode(header);
        assertThat(readOrFail(new ByteArrayInputStream(frame), "its own frame")).contains(header);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a header that arrives one byte per read decodes whole")
    void decodesOneBytePerRead() throws IOException {
        byte[] frame = HeaderCodec.encode(HI);
        ChunkedInputStream in = new ChunkedInputStream(frame, 1);
        assertThat(readOrFail(in, "the frame, one byte per read()")).contains(HI);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a header cut in two at every possible place decodes whole")
    void decodesEverySplit() throws IOException {
        byte[] frame = HeaderCodec.encode(HI);
        for (int cut = 1; cut < frame.length; cut++) {
            ChunkedInputStream in = new ChunkedInputStream(frame, cut, frame.length);
            assertThat(readOrFail(in, "the frame, cut after byte " + cut + " (" + Wire.count(cut) + ", then the rest)"))
                    .as("the header cut after byte %d", cut).contains(HI);
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: the reader stops at the end of its frame: the body that follows stays in the stream")
    void leavesTheBodyInTheStream() throws IOException {
        byte[] stream = Bytes.concat(List.of(HeaderCodec.encode(HI), "hello".getBytes(StandardCharsets.US_ASCII),
                HeaderCodec.encode(Verdict.saved("ok"))));
        InputStream in = new ChunkedInputStream(stream, 3, 7, 1, 1000);
        assertThat(readOrFail(in, "the first frame")).contains(HI);
        assertThat(in.readNBytes(5)).as("the 5 body bytes after the header").isEqualTo("hello".getBytes());
        assertThat(HeaderCodec.read(in, Verdict.class)).as("the frame after the body").contains(Verdict.saved("ok"));
        assertThat(HeaderCodec.read(in, Verdict.class)).as("read() at the clean end of the stream").isEmpty();
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a stream that ends inside the length or the header is a FrameException, not a short header")
    void truncatedFrameIsAnError() {
        byte[] frame = HeaderCodec.encode(HI);
        Random random = new Random(3);
        for (int keep = 1; keep < frame.length; keep++) {
            byte[] cut = Arrays.copyOf(frame, keep);
            int piece = 1 + random.nextInt(8);
            Throwable thrown = catchAll(() -> HeaderCodec.read(new ChunkedInputStream(cut, piece), UploadHeader.class));
            if (!(thrown instanceof FrameException)) {
                fail("A stream that ends after " + keep + " of the frame's " + Wire.count(frame.length) + " (read in pieces"
                        + " of " + piece + ") should make read() throw a FrameException, but "
                        + (thrown == null ? "it returned normally" : "it threw " + thrown) + ".\nThe stream:\n"
                        + Bytes.show(cut));
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: header lengths -1, 0, one too many and 2^31-1 are refused before anything is allocated")
    void refusesImpossibleLengths() {
        int[] lengths = {-1, 0, HeaderCodec.MAX_HEADER_LENGTH + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int length : lengths) {
            byte[] stream = Bytes.concat(List.of(Wire.prefix(Wire.yours(), length), "{}".getBytes()));
            Throwable thrown = catchAll(() -> HeaderCodec.read(new ByteArrayInputStream(stream), UploadHeader.class));
            assertThat(thrown)
                    .withFailMessage("A header length of %d should be refused with a FrameException that names it,"
                            + " before any array is allocated; read() %s.", length,
                            thrown == null ? "returned normally" : "threw " + thrown)
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining(String.valueOf(length));
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: bad JSON, missing or null fields, wrong types and bad UTF-8 are FrameExceptions")
    void refusesBadJson() {
        List<byte[]> bad = new ArrayList<>();
        for (String json : List.of(
                "not json", "{\"file_name\":\"a\"", "[1,2,3]", "\"a string\"", "null", " ",
                "{\"file_name\":\"a\"}",
                "{\"file_size\":5}",
                "{\"file_name\":null,\"file_size\":5}",
                "{\"file_name\":\"a\",\"file_size\":null}",
                "{\"file_name\":\"a\",\"file_size\":\"5\"}",
                "{\"file_name\":5,\"file_size\":5}",
                "{\"file_name\":\"a\",\"file_size\":5.5}",
                "{\"file_name\":\"a\",\"file_size\":-5}",
                "{\"file_name\":\"a\",\"file_size\":99999999999999999999}",
                "{\"file_name\":\"a\",\"file_name\":\"b\",\"file_size\":5}",
                "{\"file_name\":\"a\",\"file_size\":5} {}")) {
            bad.add(json.getBytes(StandardCharsets.UTF_8));
        }
        bad.add(Bytes.concat(List.of("{\"file_name\":\"".getBytes(), new byte[] {(byte) 0xe4, (byte) 0xbd},
                "\",\"file_size\":5}".getBytes())));
        for (byte[] json : bad) {
            byte[] frame = Wire.frame(Wire.yours(), json);
            Throwable thrown = catchAll(() -> HeaderCodec.read(new ByteArrayInputStream(frame), UploadHeader.class));
            assertThat(thrown)
                    .withFailMessage(() -> "This header should be refused with a FrameException, but read() "
                            + (thrown == null ? "returned normally" : "threw " + thrown) + ":\n" + Bytes.show(json))
                    .isInstanceOf(FrameException.class);
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a trailer without a 64-digit lower-case hex \"sha256\" is a FrameException")
    void refusesBadTrailers() {
        for (String json : List.of("{}", "{\"sha256\":null}", "{\"sha256\":5}", "{\"sha256\":\"abc\"}",
                "{\"sha256\":\"" + HELLO_SHA256.toUpperCase(java.util.Locale.ROOT) + "\"}",
                "{\"sha256\":\"" + HELLO_SHA256 + "0\"}", "{\"sha256\":\"" + HELLO_SHA256.substring(1) + "g\"}")) {
            byte[] frame = Wire.frame(Wire.yours(), json);
            Throwable thrown = catchAll(() -> HeaderCodec.read(new ByteArrayInputStream(frame), UploadTrailer.class));
            assertThat(thrown)
                    .withFailMessage(() -> "This trailer should be refused with a FrameException, but read() "
                            + (thrown == null ? "returned normally" : "threw " + thrown) + ":\n" + json)
                    .isInstanceOf(FrameException.class);
            assertThat(thrown.getMessage()).as("the reason given for the trailer %s", json).contains("\"sha256\"");
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a refusal names the field in the protocol's words, never the JSON parser's or Java's")
    void explainsInTheProtocolsWords() {
        String[][] cases = {
                {"{\"file_name\":\"a\"}", "the header has no \"file_size\""},
                {"{\"file_size\":5}", "the header has no \"file_name\""},
                {"{\"file_name\":null,\"file_size\":5}", "\"file_name\" must not be null"},
                {"{\"file_name\":\"a\",\"file_size\":\"5\"}", "\"file_size\" must be a whole number"},
                {"{\"file_name\":\"a\",\"file_size\":5.5}", "\"file_size\" must be a whole number"},
                {"{\"file_name\":5,\"file_size\":5}", "\"file_name\" must be a string"},
                {"{\"file_name\":\"a\",\"file_size\":-5}", "\"file_size\" must not be negative: -5"},
                {"{\"file_name\":\"a\",\"file_size\":99999999999999999999}", "\"file_size\" is too large"},
                {"[1,2,3]", "the header must be a JSON object"},
                {" ", "the header must be a JSON object {...}, not nothing"},
                {"{\"file_name\":\"a\",\"file_size\":\"" + "9".repeat(38) + "\"}",
                        "\"file_size\" must be a whole number, not \"" + "9".repeat(38) + "\""},
                {"not json", "the header is not valid JSON"}};
        for (String[] c : cases) {
            byte[] frame = Wire.frame(Wire.yours(), c[0]);
            Throwable thrown = catchAll(() -> HeaderCodec.read(new ByteArrayInputStream(frame), UploadHeader.class));
            assertThat(thrown).as("read() of the header %s", c[0]).isInstanceOf(FrameException.class);
            if (c[1].endsWith("\"")) { // a value shown whole, not cut short
                assertThat(thrown.getMessage()).as("the reason given for the header %s", c[0]).endsWith(c[1]);
            }
            assertThat(thrown.getMessage()).as("the reason given for the header %s", c[0]).contains(c[1])
                    .doesNotContain("creator", "Cannot", "`", "workbook.", "(index", "Jackson", "null value");
        }
        Throwable trailer = catchAll(() -> HeaderCodec.read(new ByteArrayInputStream(Wire.frame(Wire.yours(), "{}")),
                UploadTrailer.class));
        assertThat(trailer).isInstanceOf(FrameException.class);
        assertThat(trailer.getMessage()).as("the reason given for the trailer {}")
                .isEqualTo("the trailer has no \"sha256\"");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a frame of exactly 8192 bytes of JSON is read; encode() refuses to write a longer one")
    void acceptsTheLongestFrame() throws IOException {
        String start = "{\"file_name\":\"a\",\"file_size\":1,\"padding\":\"";
        String json = start + "x".repeat(HeaderCodec.MAX_HEADER_LENGTH - start.length() - 2) + "\"}";
        assertThat(json.length()).isEqualTo(HeaderCodec.MAX_HEADER_LENGTH);
        assertThat(readOrFail(new ByteArrayInputStream(Wire.frame(Wire.yours(), json)), "a frame of 8192 bytes"))
                .contains(new UploadHeader("a", 1));
        String shell = "{\"file_name\":\"\",\"file_size\":1}";
        UploadHeader longest = new UploadHeader("n".repeat(HeaderCodec.MAX_HEADER_LENGTH - shell.length()), 1);
        assertThat(HeaderCodec.encode(longest)).as("the frame of a header whose JSON has exactly 8192 bytes")
                .hasSize(4 + HeaderCodec.MAX_HEADER_LENGTH);
        UploadHeader tooLong = new UploadHeader("n".repeat(HeaderCodec.MAX_HEADER_LENGTH), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeaderCodec.encode(tooLong))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a verdict frame is checked too: \"ok\" true or false, a message that is not blank")
    void checksVerdicts() throws IOException {
        assertThat(HeaderCodec.read(new ByteArrayInputStream(Wire.frame(Wire.yours(),
                "{\"ok\":false,\"message\":\"refused: no\"}")), Verdict.class)).contains(Verdict.refused("no"));
        for (String[] c : new String[][] {
                {"{\"ok\":\"yes\",\"message\":\"m\"}", "\"ok\" must be true or false"},
                {"{\"ok\":true,\"message\":\" \"}", "a verdict needs a message"},
                {"{\"ok\":true}", "the verdict has no \"message\""},
                {"{\"ok\":true,\"message\":[\"" + "m".repeat(60) + "\"]}",
                        "\"message\" must be a string, not [\"" + "m".repeat(38) + "..."}}) {
            Throwable thrown = catchAll(() -> HeaderCodec.read(new ByteArrayInputStream(Wire.frame(Wire.yours(), c[0])),
                    Verdict.class));
            assertThat(thrown).as("read() of the verdict %s", c[0]).isInstanceOf(FrameException.class);
            assertThat(thrown.getMessage()).as("the reason given for the verdict %s", c[0]).startsWith(c[1]);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Verdict.saved(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Verdict.refused("why").message()).isEqualTo("refused: why");
        assertThat(Verdict.saved("fine").ok()).isTrue();
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: write() sends a frame at once: nothing is left waiting in a buffer")
    void writeFlushes() throws IOException {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(wire, 1 << 16);
        HeaderCodec.write(buffered, HI);
        assertThat(wire.toByteArray()).as("the bytes that left the buffer after write()")
                .isEqualTo(HeaderCodec.encode(HI));
    }

    private static Optional<UploadHeader> readOrFail(InputStream in, String what) throws IOException {
        try {
            return HeaderCodec.read(in, UploadHeader.class);
        } catch (FrameException e) {
            return fail("HeaderCodec.read of %s threw %s", what, e);
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** What the action threw (an OutOfMemoryError included), or null. */
    private static Throwable catchAll(Action action) {
        try {
            action.run();
            return null;
        } catch (Exception | OutOfMemoryError e) {
            return e;
        }
    }
}
