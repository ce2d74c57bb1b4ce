package workbook.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static workbook.framing.Wire.frame;
import static workbook.framing.Wire.utf8;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
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
import workbook.testkit.ThreadAllocation;

/**
 * FrameReader on its own, without sockets: a stream that hands out its bytes in chosen pieces plays the network,
 * so every way of cutting a message can be tried.
 */
@LessonChecks
@DisplayName("Lesson 02 · FrameReader, without sockets (steps 1 and 2)")
class FrameReaderTest {

    private static final byte[] MESSAGE = utf8("frame: 你好!"); // 14 bytes: 2^13 ways to cut them
    private static final byte[] NEXT = utf8("NEXT");

    // ----- step 1: readExactly -------------------------------------------------------------

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: readExactly returns the whole message, however the stream cuts it (all 8192 ways)")
    void readExactlyWholeForEveryCut() throws IOException {
        for (int[] pieces : compositions(MESSAGE.length)) {
            ChunkedInputStream in = new ChunkedInputStream(Bytes.concat(List.of(MESSAGE, NEXT)), append(pieces, 64));
            byte[] buffer = new byte[MESSAGE.length];
            FrameReader.readExactly(in, buffer, 0, MESSAGE.length);
            if (!Arrays.equals(buffer, MESSAGE)) {
                fail("readExactly(in, buffer, 0, 14) on a stream whose reads return " + describe(pieces)
                        + " bytes filled the buffer wrongly.\n" + Bytes.compare(MESSAGE, List.of(buffer))
                        + "One read() returns what has arrived, maybe a single byte: keep reading until all 14"
                        + " are in.");
            }
            byte[] rest = in.readAllBytes();
            if (!Arrays.equals(rest, NEXT)) {
                fail("After readExactly(in, buffer, 0, 14) on a stream whose reads return " + describe(pieces)
                        + " bytes, the bytes left in the stream should be the next message, \"NEXT\".\n"
                        + Bytes.compare(NEXT, List.of(rest))
                        + "readExactly must never read more than it was asked for.");
            }
        }
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: readExactly fills the buffer from the offset given and leaves the rest of it alone")
    void readExactlyRespectsOffset() throws IOException {
        byte[] buffer = ".....____________.....".getBytes();
        byte[] expected = ".....hello world!.....".getBytes();
        ChunkedInputStream in = new ChunkedInputStream(utf8("hello world!"), 2, 3, 1);
        FrameReader.readExactly(in, buffer, 5, 12);
        assertThat(buffer).withFailMessage(() -> "readExactly(in, buffer, 5, 12), the stream returning 2, 3, then"
                + " 1 byte per read:\n" + Bytes.compare(expected, List.of(buffer))).isEqualTo(expected);
        FrameReader.readExactly(in, buffer, 0, 0); // nothing asked, nothing read, no end-of-stream error
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: readExactly on a stream that ends too early throws EOFException, never a short result")
    void readExactlyThrowsWhenTheStreamEndsEarly() {
        for (int[] pieces : List.of(new int[] {1}, new int[] {3, 1}, new int[] {4})) {
            ChunkedInputStream in = new ChunkedInputStream(utf8("only"), pieces); // 4 bytes where 10 are wanted
            Throwable thrown = catchThrowable(() -> FrameReader.readExactly(in, new byte[10], 0, 10));
            if (thrown == null) {
                fail("readExactly(in, buffer, 0, 10) returned normally, but the stream held only 4 bytes (its reads"
                        + " returned " + describe(pieces) + ", then -1).\nA short result must not look like a whole"
                        + " one: throw an EOFException.");
            }
            assertThat(thrown).as("what readExactly threw when only 4 of 10 bytes came")
                    .isInstanceOf(EOFException.class).hasMessageContaining("4");
        }
        assertThatThrownBy(() -> FrameReader.readExactly(new ByteArrayInputStream(new byte[0]), new byte[3], 0, 3))
                .as("readExactly on an empty stream").isInstanceOf(EOFException.class);
    }

    // ----- step 2: readFrame --------------------------------------------------------------

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: readFrame decodes 00 00 00 05 h e l l o as \"hello\", then reports a clean end")
    void decodesTheExample() throws IOException {
        byte[] wire = {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), 1024);
        byte[] payload = reader.readFrame().orElseThrow(() -> new AssertionError("readFrame() saw no frame at all"));
        assertThat(payload).withFailMessage(() -> "The payload of " + Wire.hex(wire) + ":\n"
                + Bytes.compare(utf8("hello"), List.of(payload))
                + "The first 4 bytes are the length, not part of the message.").isEqualTo(utf8("hello"));
        assertThat(reader.readFrame()).as("readFrame() after the last frame, at the end of the stream").isEmpty();
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: readFrame decodes \"hi\", \"\" and \"yo\" for every way of cutting their 16 bytes")
    void decodesEveryCutOfThreeFrames() throws IOException {
        List<byte[]> payloads = List.of(utf8("hi"), new byte[0], utf8("yo"));
        byte[] wire = Wire.frames(payloads);
        for (int[] pieces : compositions(wire.length)) {
            List<byte[]> decoded = decodeAll(new ChunkedInputStream(wire, pieces), 1024);
            if (!sameMessages(payloads, decoded)) {
                fail("The frames " + Wire.hex(wire) + ", arriving as reads of "
                        + describe(pieces) + " bytes, were decoded as:\n" + Wire.indent(Bytes.show(decoded))
                        + "Expected the three messages \"hi\" | \"\" | \"yo\" (| marks where one message ends).");
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: readFrame decodes messages of 0 B to 1 MiB, in single bytes and in random pieces")
    void decodesSmallAndLargeFramesInAnyPieces() throws IOException {
        List<byte[]> payloads = List.of(new byte[0], utf8("a"), utf8("你好世界"), Wire.pattern(1023, 1),
                Wire.pattern(1024, 2), Wire.pattern(1025, 3), Wire.pattern(70_000, 4), new byte[0],
                Wire.pattern(1 << 20, 5));
        byte[] wire = Wire.frames(payloads);
        List<String> plans = new ArrayList<>();
        List<ChunkedInputStream> streams = new ArrayList<>();
        streams.add(new ChunkedInputStream(wire, wire.length));
        plans.add("all at once");
        streams.add(new ChunkedInputStream(Wire.frames(payloads.subList(0, 7)), 1)); // up to 70000 bytes, byte by byte
        plans.add("one byte per read");
        for (long seed = 1; seed <= 3; seed++) {
            streams.add(new ChunkedInputStream(wire, randomPieces(wire.length, 1, 3000, seed)));
            plans.add("random reads of 1 to 3000 bytes, seed " + seed);
        }
        for (int i = 0; i < streams.size(); i++) {
            List<byte[]> expected = plans.get(i).startsWith("one byte") ? payloads.subList(0, 7) : payloads;
            List<byte[]> decoded = decodeAll(streams.get(i), 2 << 20);
            if (!sameMessages(expected, decoded)) {
                fail("Messages of 0, 1, 12, 1023, 1024, 1025, 70000, 0 and 1048576 bytes, arriving as " + plans.get(i)
                        + ", were decoded as " + decoded.size() + " messages of " + sizes(decoded) + " bytes.\n"
                        + firstWrongMessage(expected, decoded));
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a stream that ends inside a frame gives TruncatedFrameException, not a short message")
    void streamEndingInsideAFrameIsAnError() throws IOException {
        byte[] wire = Wire.frames(List.of(utf8("hello"), utf8("world"))); // 18 bytes; frames end at 9 and 18
        for (int cut = 0; cut <= wire.length; cut++) {
            FrameReader reader = new FrameReader(new ChunkedInputStream(Arrays.copyOf(wire, cut), 1), 1024);
            List<byte[]> decoded = new ArrayList<>();
            Throwable thrown = catchThrowable(() -> {
                for (Optional<byte[]> m; (m = reader.readFrame()).isPresent(); ) {
                    decoded.add(m.get());
                }
            });
            String stream = "the stream " + Wire.hex(Arrays.copyOf(wire, cut)) + " (the frames of \"hello\" and"
                    + " \"world\" cut after " + cut + (cut == 1 ? " byte" : " bytes") + ", one byte per read)";
            boolean clean = cut == 0 || cut == 9 || cut == 18;
            if (clean && thrown != null) {
                fail("Reading " + stream + " threw " + thrown + ", but the stream ended between two frames: "
                        + "that is a clean end, and readFrame() should return Optional.empty().");
            }
            if (!clean && !(thrown instanceof TruncatedFrameException)) {
                fail("Reading " + stream + " should end in a TruncatedFrameException, because the stream stops in"
                        + " the middle of a frame. Instead " + (thrown == null ? "it returned " + decoded.size()
                        + " message(s) and then a clean end:\n" + Wire.indent(Bytes.show(decoded))
                        : "it threw " + thrown) + "\nA message cut short must never pass for a whole one.");
            }
            if (!clean) {
                assertThat(thrown.getMessage()).as("the TruncatedFrameException's message").isNotBlank();
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a length over the limit is refused at once, before anything is allocated for it")
    void refusesLongFramesBeforeAllocating() {
        int limit = 1024;
        long[] lengths = {limit + 1L, 0x7fffffffL, 0x80000000L, 0xffffffffL, 100L << 20};
        for (long length : lengths) {
            // The 1025-byte frame is really there; the others announce more than will ever come.
            byte[] wire = length == limit + 1 ? frame(Wire.pattern(limit + 1, 9)) : Wire.header(length);
            String header = Wire.hex(Arrays.copyOf(wire, 4));
            for (int attempt = 1; attempt <= 2; attempt++) { // the first warms up the JVM; the second is measured
                FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), limit);
                long before = ThreadAllocation.bytesSoFar();
                Throwable thrown = catchThrowable(reader::readFrame);
                long allocated = ThreadAllocation.bytesSoFar() - before;
                if (!(thrown instanceof FrameTooLongException tooLong)) {
                    fail("The header " + header + " announces " + length + " bytes (read unsigned), more than the"
                            + " limit of " + limit + ". readFrame() should throw FrameTooLongException, but it "
                            + (thrown == null ? "returned normally" : "threw " + thrown)
                            + ".\nCheck the length against maxFrameLength right after reading the 4-byte header.");
                    return;
                }
                assertThat(tooLong.length()).as("FrameTooLongException.length() for the header %s (read unsigned:"
                        + " ff ff ff ff is 4294967295, not -1)", header).isEqualTo(length);
                assertThat(tooLong.maxFrameLength()).as("FrameTooLongException.maxFrameLength() for the header %s"
                        + " (the reader's limit)", header).isEqualTo(limit);
                if (attempt == 2 && ThreadAllocation.isSupported()) {
                    assertThat(allocated).withFailMessage("readFrame() allocated %d bytes while refusing the header"
                            + " %s (%d bytes announced). Compare the length with the limit first, and allocate the"
                            + " payload's array only after it passed.", allocated, header, length)
                            .isLessThan(64 * 1024L);
                }
            }
        }
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a frame of exactly the limit is accepted; the limit is a maximum, not a bound to stay under")
    void acceptsAFrameOfExactlyTheLimit() throws IOException {
        int limit = 1024;
        byte[] payload = Wire.pattern(limit, 5);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame(payload)), limit);
        Throwable thrown = catchThrowable(reader::readFrame);
        assertThat(thrown).as("readFrame() on a frame of exactly %d bytes with maxFrameLength %d", limit, limit)
                .isNull();
        reader = new FrameReader(new ByteArrayInputStream(frame(payload)), limit);
        assertThat(reader.readFrame()).as("the frame of exactly %d bytes", limit).hasValue(payload);
        assertThat(reader.maxFrameLength()).as("maxFrameLength()").isEqualTo(limit);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: a FrameReader needs a positive maximum frame length, and says which value was wrong")
    void checksItsMaximum() {
        for (int bad : new int[] {0, -5}) {
            assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(new byte[0]), bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(bad));
        }
    }

    // ----- helpers --------------------------------------------------------------------------

    /** Every way to write n as an ordered sum of positive parts: 2^(n-1) of them. */
    static List<int[]> compositions(int n) {
        List<int[]> all = new ArrayList<>();
        for (int mask = 0; mask < 1 << (n - 1); mask++) {
            List<Integer> parts = new ArrayList<>();
            int size = 1;
            for (int bit = 0; bit < n - 1; bit++) {
                if ((mask & (1 << bit)) != 0) {
                    parts.add(size);
                    size = 1;
                } else {
                    size++;
                }
            }
            parts.add(size);
            all.add(parts.stream().mapToInt(Integer::intValue).toArray());
        }
        return all;
    }

    static int[] randomPieces(int total, int min, int max, long seed) {
        Random random = new Random(seed);
        List<Integer> pieces = new ArrayList<>();
        for (int sum = 0; sum < total; ) {
            int piece = min + random.nextInt(max - min + 1);
            pieces.add(piece);
            sum += piece;
        }
        return pieces.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<byte[]> decodeAll(java.io.InputStream in, int limit) throws IOException {
        FrameReader reader = new FrameReader(in, limit);
        List<byte[]> decoded = new ArrayList<>();
        for (Optional<byte[]> m; (m = reader.readFrame()).isPresent(); ) {
            decoded.add(m.get());
            if (decoded.size() > 100) {
                break; // far more messages than were sent: stop, the check fails anyway
            }
        }
        return decoded;
    }

    static boolean sameMessages(List<byte[]> expected, List<byte[]> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    static String firstWrongMessage(List<byte[]> expected, List<byte[]> decoded) {
        for (int i = 0; i < Math.min(expected.size(), decoded.size()); i++) {
            if (!Arrays.equals(expected.get(i), decoded.get(i))) {
                return "Message " + (i + 1) + ":\n" + Bytes.compare(expected.get(i), List.of(decoded.get(i)));
            }
        }
        return "The first " + Math.min(expected.size(), decoded.size()) + " messages are right; then "
                + (decoded.size() < expected.size() ? "messages are missing." : "extra messages follow.");
    }

    static String sizes(List<byte[]> messages) {
        String all = messages.stream().limit(12).map(m -> String.valueOf(m.length)).reduce((a, b) -> a + ", " + b)
                .orElse("no");
        return messages.size() > 12 ? all + ", ..." : all;
    }

    static String describe(int[] pieces) {
        String shown = Arrays.stream(pieces).limit(20).mapToObj(String::valueOf).reduce((a, b) -> a + ", " + b)
                .orElse("");
        return pieces.length > 20 ? shown + ", ..." : shown;
    }

    private static int[] append(int[] pieces, int last) {
        int[] more = Arrays.copyOf(pieces, pieces.length + 1);
        more[pieces.length] = last;
        return more;
    }
}
