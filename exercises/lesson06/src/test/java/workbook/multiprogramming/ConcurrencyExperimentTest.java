package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;
import workbook.testkit.LineEnds;

/** The real experiment: threads against the clock. Only the robust part is checked; the table tells the rest. */
@LessonChecks
@Timeout(8)
@DisplayName("Lesson 06 · The real experiment (step 5)")
class ConcurrencyExperimentTest {

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: eight I/O-bound tasks on eight threads wait for their I/O at the same time")
    void ioBoundTasksOverlap() throws Exception {
        Duration delay = Duration.ofMillis(100);
        try (SlowServer server = SlowServer.start(delay)) {
            ConcurrencyExperiment.Row io = ConcurrencyExperiment.measure("I/O-bound",
                    () -> ConcurrencyExperiment.ask(server.port()), 8);
            String row = io.kind() + ": serially " + io.serial().toMillis() + " ms, on threads "
                    + io.threaded().toMillis() + " ms";
            assertThat(io.serial()).as("eight waits of 100 ms, one after another (%s)", row)
                    .isGreaterThanOrEqualTo(delay.multipliedBy(8));
            // Behaviour, not a stopwatch: on threads, the slow server saw several requests waiting at once.
            assertThat(server.mostRequestsWaitingAtOnce())
                    .as("the most requests the slow server had waiting at the same time (%s)", row)
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the whole experiment runs: both kinds of task, and CPU-bound tasks really use their CPU time")
    void theWholeExperimentRuns() throws Exception {
        List<ConcurrencyExperiment.Row> rows = ConcurrencyExperiment.run(2, Duration.ofMillis(20));
        String table = ConcurrencyExperiment.table(rows, Runtime.getRuntime().availableProcessors());
        assertThat(rows).as("the rows of the table:%n%s", table).extracting(ConcurrencyExperiment.Row::kind)
                .containsExactly("I/O-bound", "CPU-bound");
        assertThat(rows.get(1).serial()).as("two tasks that each compute for 20 ms of CPU time, one after the"
                + " other:%n%s", table).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    @Tag("step:5")
    @DisplayName("Step 5: the table shows both kinds of task, serially and on threads, with the speed-up")
    void printsTheTable() {
        String table = ConcurrencyExperiment.table(List.of(
                new ConcurrencyExperiment.Row("I/O-bound", 8, Duration.ofMillis(801), Duration.ofMillis(102)),
                new ConcurrencyExperiment.Row("CPU-bound", 8, Duration.ofMillis(800), Duration.ofMillis(400))), 2);
        assertThat(LineEnds.normalise(table)).as("the table (line ends as \\n)").isEqualTo("""
                8 tasks of each kind, on a machine with 2 CPU cores

                kind         serially   on 8 threads  speed-up
                I/O-bound      801 ms         102 ms      7.9x
                CPU-bound      800 ms         400 ms      2.0x
                """);
    }
}
