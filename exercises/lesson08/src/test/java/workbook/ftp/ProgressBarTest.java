package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.Bytes;
import workbook.testkit.LessonChecks;
import workbook.testkit.LineEnds;

/** The progress bar: redrawn in place on a terminal, whole lines in a log. */
@LessonChecks
@DisplayName("Lesson 08 · ProgressBar (step 9)")
class ProgressBarTest {

    private static final long TOTAL = 1_000_000;
    private static final int BLOCK = 65_536;

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: on a non-terminal the progress bar prints whole lines at 0, 25, 50, 75 and 100 %, no \\r")
    void wholeLinesOnANonTerminal() {
        String printed = feed(false, 0, TOTAL);
        assertThat(printed).withFailMessage("A progress bar in a log file or a pipe must not print \\r, which piles up "
                + "there as garbage; it printed:%n%s", Bytes.show(printed.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain("\r");
        List<String> lines = LineEnds.normalise(printed).lines().toList();
        assertThat(lines).as("the lines printed while %d bytes arrived in blocks of %d", TOTAL, BLOCK).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(lines.get(i)).as("line %d of the progress", i + 1).contains(i * 25 + "%")
                    .contains("data.bin");
        }
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: on a non-terminal a resumed transfer prints the quarters up to where it starts, then the rest")
    void resumedOnANonTerminal() {
        List<String> lines = LineEnds.normalise(feed(false, 600_000, TOTAL)).lines().toList();
        assertThat(lines).as("the lines of a transfer that resumed at 60 %").hasSize(5);
        assertThat(lines.get(2)).as("the third line").contains("50%");
        assertThat(lines.get(4)).as("the last line").contains("100%");
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: an empty file is at 100 % at once")
    void emptyFile() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "empty", false);
        bar.progress(0, 0);
        bar.progress(0, 0);
        List<String> lines = LineEnds.text(bytes.toByteArray()).lines().toList();
        assertThat(lines).as("the lines for an empty file").hasSize(5);
        assertThat(lines.get(4)).contains("100%");
    }

    @Test
    @Tag("step:9")
    @DisplayName("Step 9: on a terminal the bar is redrawn in place with \\r, once per percent, and ends its line")
    void redrawnOnATerminal() {
        String printed = LineEnds.normalise(feed(true, 0, TOTAL));
        String[] draws = printed.split("\r", -1);
        assertThat(draws[0]).as("what came before the first \\r").isEmpty();
        assertThat(draws.length - 1).as("how often the bar was drawn (at most once per percent: 0..100)")
                .isBetween(2, 101);
        assertThat(printed).as("the bar after the last block").endsWith("\n").doesNotEndWith("\n\n");
        String last = draws[draws.length - 1];
        assertThat(last).as("the last drawing").contains("100%").contains("data.bin");
        assertThat(draws[1]).as("the first drawing").contains("  0%").doesNotContain("\n");
        assertThat(draws[draws.length / 2]).as("a drawing halfway").contains("#").contains(" ");
        assertThat(last).as("the last drawing: a full bar").contains("#".repeat(30));
        for (int i = 1; i < draws.length; i++) {
            assertThat(draws[i].strip()).as("drawing %d: the bar is always as wide", i)
                    .matches("data\\.bin \\[[# ]{30}\\] +\\d+% \\d+/1000000 bytes");
        }
    }

    /** What the bar printed for a transfer of {@code total} bytes starting at {@code from}. */
    private static String feed(boolean terminal, long from, long total) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "data.bin", terminal);
        for (long done = from; done < total; done += BLOCK) {
            bar.progress(done, total);
        }
        bar.progress(total, total);
        bar.progress(total, total);
        bar.progress(total + 10, total); // the file grew while it was sent: still 100 %, nothing more to draw
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
