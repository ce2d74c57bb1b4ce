package workbook.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;

/** The client's progress bar on its own: what a person sees while a file goes out. */
@LessonChecks
@DisplayName("Lesson 03 · ProgressBar (step 5)")
class ProgressBarTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the bar shows the share sent, redrawn in place, once per whole percent")
    void drawsTheShareSent() {
        ProgressBar bar = new ProgressBar(out, 2048);
        bar.accept(0);
        bar.accept(1);  // still 0 %: no redraw
        bar.accept(1024);
        bar.accept(1030); // still 50 %
        bar.accept(2048);
        bar.finish();
        assertThat(text()).isEqualTo("\r[------------------------------]   0%  0 B of 2.0 KiB"
                + "\r[###############---------------]  50%  1.0 KiB of 2.0 KiB"
                + "\r[##############################] 100%  2.0 KiB of 2.0 KiB" + Wire.NL);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: an empty file is 100% at once; a bar that never drew ends no line")
    void handlesEmptyFilesAndNoDrawing() {
        ProgressBar empty = new ProgressBar(out, 0);
        empty.accept(0);
        empty.finish();
        assertThat(text()).isEqualTo("\r[##############################] 100%  0 B of 0 B" + Wire.NL);
        printed.reset();
        new ProgressBar(out, 10).finish();
        assertThat(text()).as("finish() of a bar that never drew").isEmpty();
        assertThatThrownBy(() -> new ProgressBar(out, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: more than the total counts as 100%; a third is 33%, rounded down")
    void roundsDownAndCaps() {
        ProgressBar bar = new ProgressBar(out, 3);
        bar.accept(1);
        bar.accept(5);
        assertThat(text()).isEqualTo("\r[#########---------------------]  33%  1 B of 3 B"
                + "\r[##############################] 100%  5 B of 3 B");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: sizes for people: 1023 B, 1.0 KiB, 1.5 MiB, 3.0 GiB, 2.0 TiB, 2048.0 TiB")
    void sizesForPeople() {
        assertThat(ProgressBar.size(0)).isEqualTo("0 B");
        assertThat(ProgressBar.size(1023)).isEqualTo("1023 B");
        assertThat(ProgressBar.size(1024)).isEqualTo("1.0 KiB");
        assertThat(ProgressBar.size(1024 * 1024 - 1)).isEqualTo("1024.0 KiB");
        assertThat(ProgressBar.size(1024 * 1024)).isEqualTo("1.0 MiB");
        assertThat(ProgressBar.size(3L << 29)).isEqualTo("1.5 GiB");
        assertThat(ProgressBar.size(3L << 19)).isEqualTo("1.5 MiB");
        assertThat(ProgressBar.size(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(ProgressBar.size(2L << 40)).isEqualTo("2.0 TiB");
        assertThat(ProgressBar.size(2L << 50)).isEqualTo("2048.0 TiB");
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: a bar that stopped at 0% still ends its line; every redraw is flushed at once")
    void endsItsLineAndFlushes() {
        ProgressBar stopped = new ProgressBar(out, 100);
        stopped.accept(0);
        stopped.finish();
        assertThat(text()).isEqualTo("\r[------------------------------]   0%  0 B of 100 B" + Wire.NL);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(new java.io.BufferedOutputStream(screen, 1 << 16), false,
                StandardCharsets.UTF_8), 100);
        bar.accept(50);
        assertThat(screen.toString(StandardCharsets.UTF_8)).as("what reached the screen right after a redraw")
                .isEqualTo("\r[###############---------------]  50%  50 B of 100 B");
    }

    /** What the bar printed, its println line end (the platform's separator) shown as "\n". */
    private String text() {
        String text = printed.toString(StandardCharsets.UTF_8);
        String separator = System.lineSeparator();
        return text.endsWith(separator) && !separator.isEmpty()
                ? text.substring(0, text.length() - separator.length()) + "\n" : text;
    }
}
