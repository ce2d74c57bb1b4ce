package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** The serial machine (uniprogramming): the examples worked out by hand in the lesson text. */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · The serial machine (step 1)")
class SerialTest {

    static final List<Job> IO_PAIR = Runs.jobs("A=2,4,2", "B=3,2,1");
    static final List<Job> MIX = Runs.jobs("A=2,4,2", "B=3,2,1", "C@1=5", "D@2=1,3,1");

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: serial, one CPU: A=2,4,2 then B=3,2,1; the CPU waits while each job does its I/O")
    void serialOneCpu() {
        Timeline timeline = Runs.run(IO_PAIR, Policy.serial(), 1);
        Runs.assertChart(timeline, """
                time   0    5    10
                CPU 0  AA____AABBB__B
                I/O A    ====
                I/O B             ==
                """, "A=2,4,2 B=3,2,1, serial, one CPU");
        assertThat(timeline.finish("A")).as("A's finish").isEqualTo(8);
        assertThat(timeline.finish("B")).as("B's finish").isEqualTo(14);
        assertThat(timeline.elapsed()).as("the elapsed time").isEqualTo(14);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: serial, one CPU: turnaround A 8, B 14; waiting A 0, B 8 (B waits for all of A)")
    void serialTurnaroundAndWaiting() {
        Report report = Report.of(Runs.run(IO_PAIR, Policy.serial(), 1));
        assertThat(report.jobs()).as("the figures per job (name, arrival, cpu time, i/o time, finish)")
                .containsExactly(new Report.PerJob("A", 0, 4, 4, 8), new Report.PerJob("B", 0, 4, 2, 14));
        assertThat(report.jobs().stream().map(j -> j.name() + ": turnaround " + j.turnaround() + ", waiting "
                + j.waiting()).toList())
                .containsExactly("A: turnaround 8, waiting 0", "B: turnaround 14, waiting 8");
        assertThat(report.averageTurnaround()).as("average turnaround").isEqualTo(11.0);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: serial, two CPUs: each CPU runs one job at a time to its end; C and D wait for a free CPU")
    void serialTwoCpus() {
        Timeline timeline = Runs.run(MIX, Policy.serial(), 2);
        Runs.assertChart(timeline, """
                time   0    5    10
                CPU 0  AA____AAD___D
                CPU 1  BBB__BCCCCC..
                I/O A    ====
                I/O B     ==
                I/O D           ===
                """, "A=2,4,2 B=3,2,1 C@1=5 D@2=1,3,1, serial, two CPUs");
        assertThat(Report.of(timeline).jobs().stream().map(Report.PerJob::waiting).toList())
                .as("waiting of A, B, C, D").containsExactly(0, 0, 5, 6);
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a switch cost is paid each time a CPU moves to another job: A=5 B=3 C=1 serial ends at 11")
    void serialWithSwitchCost() {
        Timeline timeline = Runs.run(Runs.jobs("A=5", "B=3", "C=1"), Policy.serial().withSwitchCost(1), 1);
        Runs.assertChart(timeline, """
                time   0    5    10
                CPU 0  AAAAA~BBB~C
                """, "A=5 B=3 C=1, serial, switch cost 1");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the simulator refuses no jobs, no CPU, and two jobs of the same name, naming the problem")
    void refusesBadRuns() {
        assertThatThrownBy(() -> Simulator.run(List.of(), Policy.serial(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Simulator.run(IO_PAIR, Policy.serial(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=1", "A=2"), Policy.serial(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=999999,999999,999999"), Policy.serial(), 1))
                .as("a run of three million time units, stepped through one by one")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000000");
    }
}
