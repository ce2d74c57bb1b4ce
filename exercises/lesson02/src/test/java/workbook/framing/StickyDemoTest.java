package workbook.framing;

import static org.assertj.core.api.Assertions.fail;
import static workbook.framing.Wire.utf8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.LessonChecks;

/** The demonstration is reliable (same result on every run), and framing fixes what it shows. */
@LessonChecks
@DisplayName("Lesson 02 · StickyDemo (step 2)")
class StickyDemoTest {

    private static final int RUNS = 20;

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: StickyDemo: \"hello\" and \"world\" come out of one read every time; framed, as two messages")
    void twoWritesGlueTogetherUnlessFramed() throws IOException {
        for (int run = 1; run <= RUNS; run++) {
            expect(List.of(utf8("helloworld")), StickyDemo.twoWritesOneRead(),
                    "run " + run + " of the unframed demonstration (one read after both writes arrived)");
        }
        expect(List.of(utf8("hello"), utf8("world")), StickyDemo.twoFramesTwoMessages(),
                "the same two writes as frames, read with your FrameReader");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: StickyDemo: a 3000-byte reply leaks into the next one every time; framed, it does not")
    void longReplyLeaksUnlessFramed() throws IOException {
        Commands commands = new Commands();
        byte[] first = commands.run(StickyDemo.COMMANDS.get(0));
        byte[] second = commands.run(StickyDemo.COMMANDS.get(1));
        for (int run = 1; run <= RUNS; run++) {
            expect(List.of(Arrays.copyOf(first, 1024), Arrays.copyOfRange(first, 1024, 2048)),
                    StickyDemo.repliesWithoutLength(),
                    "run " + run + " of the unframed demonstration (one read(1024) per reply)");
        }
        expect(List.of(first, second), StickyDemo.repliesWithLength(),
                "the replies to " + StickyDemo.COMMANDS + " as frames, through your FrameWriter and FrameReader");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: StickyDemo prints exactly what the lesson text shows (sticky-demo-output.txt)")
    void printsWhatTheLessonShows() throws IOException {
        String expected;
        try (InputStream in = StickyDemoTest.class.getResourceAsStream("/sticky-demo-output.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            StickyDemo.demonstrate(out);
        }
        String actual = printed.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!actual.equals(expected)) {
            fail("StickyDemo printed something other than the lesson text shows (the text includes"
                    + " src/test/resources/sticky-demo-output.txt). The framed lines need your FrameWriter and"
                    + " FrameReader.\n" + Bytes.compare(utf8(expected), List.of(utf8(actual))));
        }
    }

    private static void expect(List<byte[]> expected, List<byte[]> actual, String what) {
        if (!FrameReaderTest.sameMessages(expected, actual)) {
            fail("Wrong messages in " + what + ".\nExpected " + expected.size() + ":\n"
                    + Wire.indent(Bytes.show(expected)) + "Received " + actual.size() + ":\n"
                    + Wire.indent(Bytes.show(actual)) + FrameReaderTest.firstWrongMessage(expected, actual));
        }
    }
}
