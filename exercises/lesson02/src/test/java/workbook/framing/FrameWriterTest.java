package workbook.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static workbook.framing.Wire.frame;
import static workbook.framing.Wire.utf8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.ChunkedInputStream;
import workbook.testkit.LessonChecks;
import workbook.testkit.RecordingOutputStream;

/** FrameWriter on its own, without sockets: what encode returns, and how writeFrame hands it over. */
@LessonChecks
@DisplayName("Lesson 02 · FrameWriter, without sockets (steps 2 and 3)")
class FrameWriterTest {

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: encode puts a 4-byte big-endian length in front: \"hello\" is 00 00 00 05 h e l l o")
    void encodesTheLengthFirst() {
        expectEncoding(utf8("hello"), new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}, "\"hello\"");
        expectEncoding(new byte[0], new byte[] {0, 0, 0, 0}, "an empty message");
        byte[] p300 = Wire.pattern(300, 1);
        expectEncoding(p300, frame(p300), "a message of 300 bytes (length 00 00 01 2c: most significant byte first)");
        byte[] big = Wire.pattern(1 << 20, 2);
        expectEncoding(big, frame(big), "a message of 1 MiB (length 00 10 00 00)");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: writeFrame writes each message as a frame: \"hello\", \"\" and \"你好\" back to back")
    void writesFramesBackToBack() throws IOException {
        RecordingOutputStream out = new RecordingOutputStream();
        FrameWriter writer = new FrameWriter(out);
        List<byte[]> messages = List.of(utf8("hello"), new byte[0], utf8("你好"));
        for (byte[] m : messages) {
            writer.writeFrame(m);
        }
        byte[] expected = Wire.frames(messages);
        assertThat(out.bytes()).withFailMessage(() -> "What writeFrame(\"hello\"), writeFrame(\"\") and"
                + " writeFrame(\"你好\") wrote:\n" + Bytes.compare(expected, out.writes())).isEqualTo(expected);
        assertThat(out.flushes()).as("flush() calls after three writeFrame calls (each frame must leave at once)")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: what FrameWriter writes, FrameReader reads back: 50 messages, even one byte at a time")
    void roundTrip() throws IOException {
        RecordingOutputStream out = new RecordingOutputStream();
        FrameWriter writer = new FrameWriter(out);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] m = Wire.pattern(i * i * 7 % 3000, i);
            messages.add(m);
            writer.writeFrame(m);
        }
        List<byte[]> decoded = FrameReaderTest.decodeAll(new ChunkedInputStream(out.bytes(), 1), 4096);
        if (!FrameReaderTest.sameMessages(messages, decoded)) {
            fail("50 messages of 0 to 2999 bytes went through FrameWriter, then FrameReader (one byte per read), and"
                    + " came out as " + decoded.size() + " messages.\n"
                    + FrameReaderTest.firstWrongMessage(messages, decoded));
        }
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: writeFrame hands each frame over in ONE write, not line by line")
    void writesEachFrameInOneWrite() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            lines.append("line ").append(i).append(" of 40\n");
        }
        for (byte[] payload : List.of(utf8(lines.toString()), utf8("one line, no new line"), new byte[0],
                Wire.pattern(1 << 20, 3))) {
            RecordingOutputStream out = new RecordingOutputStream();
            new FrameWriter(out).writeFrame(payload);
            List<byte[]> writes = out.writes();
            byte[] encoded = FrameWriter.encode(payload); // your encoding: step 2 checks it, this step only counts
            boolean oneWrite = encoded.length == 0 ? writes.isEmpty()
                    : writes.size() == 1 && Arrays.equals(writes.get(0), encoded);
            if (!oneWrite) {
                fail("writeFrame(" + payload.length + " bytes) made " + writes.size() + " write calls"
                        + (writes.size() == 1 ? "" : " of " + FrameReaderTest.sizes(writes) + " bytes")
                        + "; expected one write of the whole frame, encode(payload) (" + encoded.length + " bytes):\n"
                        + Bytes.compare(encoded, writes)
                        + "Each write may leave as a TCP segment of its own: build the frame first, then write"
                        + " it once.");
            }
        }
    }

    private static void expectEncoding(byte[] payload, byte[] expected, String what) {
        byte[] encoded = FrameWriter.encode(payload);
        assertThat(encoded).withFailMessage(() -> "encode(" + what + "):\n" + Bytes.compare(expected, List.of(encoded)))
                .isEqualTo(expected);
    }
}
