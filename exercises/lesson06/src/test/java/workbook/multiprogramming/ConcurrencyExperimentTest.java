package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** The real experiment: threads against the clock. Only the robust part is checked; the table tells the rest. */
@LessonChecks
@Timeout(8)
@DisplayName("Lesson 06 · The real experiment (step 5)")
class ConcurrencyExperimentTest {

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: six I/O-bound tasks of 60 ms on six threads finish at least twice as fast as one after another")
    void ioBoundTasksOverlap() throws Exception {
        List<ConcurrencyExperiment.Row> rows = ConcurrencyExperiment.run(6, Duration.ofMillis(60));
        String table = ConcurrencyExperiment.table(rows, Runtime.getRuntime().availableProcessors());
        assertThat(rows).as("the rows of the table:\n%s", table).extracting(ConcurrencyExperiment.Row::kind)
                .containsExactly("I/O-bound", "CPU-bound");
        ConcurrencyExperiment.Row io = rows.get(0);
        assertThat(io.serial()).as("six waits of 60 ms, one after another:\n%s", table)
                .isGreaterThanOrEqualTo(Duration.ofMillis(6 * 60));
        assertThat(io.speedUp()).as("the I/O-bound speed-up on threads; the table:\n%s", table)
                .isGreaterThanOrEqualTo(2.0);
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the table shows both kinds of task, serially and on threads, with the speed-up")
    void printsTheTable() {
        String table = ConcurrencyExperiment.table(List.of(
                new ConcurrencyExperiment.Row("I/O-bound", 8, Duration.ofMillis(801), Duration.ofMillis(102)),
                new ConcurrencyExperiment.Row("CPU-bound", 8, Duration.ofMillis(800), Duration.ofMillis(400))), 2);
        assertThat(table).isEqualTo("""
                8 tasks of each kind, on a machine with 2 CPU cores

                kind         serially   on 8 threads  speed-up
                I/O-bound      801 ms         102 ms      7.9x
                CPU-bound      800 ms         400 ms      2.0x
                """);
    }
}
