package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** The simulator's inputs at their edges: what is accepted, what is refused, and what the refusal says. */
@LessonChecks
@Timeout(10)
@DisplayName("Lesson 06 · Inputs at their edges (step 1)")
class InputsTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: bursts: one unit is the shortest; a burst has a kind, and prints as \"cpu 3\" or \"io 4\"")
    void bursts() {
        assertThat(Burst.cpu(1).length()).isEqualTo(1);
        assertThatThrownBy(() -> Burst.io(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a burst lasts at least one time unit: -2");
        assertThatThrownBy(() -> new Burst(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
        assertThat(List.of(Burst.cpu(3), Burst.io(4)).toString()).isEqualTo("[cpu 3, io 4]");
        assertThat(Burst.cpu(3).isCpu()).isTrue();
        assertThat(Burst.io(3).isCpu()).isFalse();
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: jobs: a one-character name, arrival from 0, CPU bursts at both ends; each refusal names the value")
    void jobs() {
        assertThat(Job.arriving("7", 0, 1).notation()).isEqualTo("7=1");
        assertThat(Job.parse("  B@12=1,2,3 ")).isEqualTo(Job.arriving("B", 12, 1, 2, 3));
        assertThat(Job.parse("C@0=4").toString()).isEqualTo("C=4");
        assertThat(Job.of("D", 1, 2, 3, 4, 5)).extracting(Job::cpuTime, Job::ioTime).containsExactly(9, 6);
        assertThatThrownBy(() -> Job.of("", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a job's name is one letter or digit: \"\"");
        assertThatThrownBy(() -> Job.of("+", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a job's name is one letter or digit: \"+\"");
        assertThatThrownBy(() -> Job.of(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Job.arriving("A", -1, 1)).hasMessage("job A cannot arrive before time 0: -1");
        assertThatThrownBy(() -> Job.of("E")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job E needs an odd number of bursts (CPU, I/O, ..., CPU): []");
        assertThatThrownBy(() -> Job.of("F", 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job F needs an odd number of bursts (CPU, I/O, ..., CPU): [cpu 2, io 3]");
        assertThatThrownBy(() -> new Job("G", 0, List.of(Burst.cpu(1), Burst.cpu(2), Burst.cpu(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job G's bursts must alternate CPU, I/O, CPU, ...: burst 1 is cpu 2 in [cpu 1, cpu 2, cpu 3]");
        assertThatThrownBy(() -> Job.parse("H=1,x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a job: \"H=1,x\" (write NAME=cpu,io,cpu,...");
        assertThatThrownBy(() -> Job.parse("I=0")).as("a burst of length 0").hasMessageContaining(": 0");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: policies: only round robin has a quantum, a switch may cost 0, and each prints its name")
    void policies() {
        assertThat(Policy.roundRobin(1).quantum()).isEqualTo(1);
        assertThat(Policy.serial().withSwitchCost(0).switchCost()).isZero();
        assertThat(List.of(Policy.serial(), Policy.multiprogramming().withSwitchCost(2), Policy.roundRobin(3)))
                .extracting(Policy::toString).containsExactly("serial, switch cost 0",
                        "multiprogramming, switch cost 2", "round robin, quantum 3, switch cost 0");
        assertThatThrownBy(() -> Policy.roundRobin(-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("round robin needs a quantum of at least one time unit: -4");
        assertThatThrownBy(() -> new Policy(Policy.Kind.SERIAL, 2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only round robin has a quantum, not SERIAL: 2");
        assertThatThrownBy(() -> new Policy(Policy.Kind.MULTIPROGRAMMING, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": -1");
        assertThatThrownBy(() -> new Policy(null, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Policy.roundRobin(2).withSwitchCost(-3)).hasMessage(
                "a context switch cannot cost less than nothing: -3");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: slots: every activity but IDLE names a job, and IDLE names none")
    void slots() {
        assertThatThrownBy(() -> new Slot(Slot.Activity.RUN, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RUN must name a job: \"\"");
        assertThatThrownBy(() -> new Slot(Slot.Activity.IDLE, "A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IDLE must not name a job: \"A\"");
        assertThatThrownBy(() -> new Slot(Slot.Activity.HELD, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Slot(null, "A")).isInstanceOf(NullPointerException.class);
        assertThat(List.of(Slot.run("B"), Slot.switchTo("B"), Slot.held("B"), Slot.IDLE)).extracting(Slot::mark)
                .containsExactly('B', '~', '_', '.');
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a timeline answers for the jobs it ran only, and every CPU row has the same length")
    void timelines() {
        Timeline timeline = Runs.run(Runs.jobs("A=2"), Policy.serial(), 1);
        assertThatThrownBy(() -> timeline.finish("Z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no job named \"Z\" finished in this run");
        assertThat(timeline.jobs()).containsExactly(Job.of("A", 2));
        Timeline built = new Timeline.Builder(Runs.jobs("A=1,1,1"), 1).record(0, Slot.run("A")).io("A", 1)
                .record(0, Slot.held("A")).record(0, Slot.run("A")).finished("A", 3).build();
        assertThat(built.inIo("A", 1)).isTrue();
        assertThat(built.inIo("A", 2)).isFalse();
        assertThat(built.finish("A")).isEqualTo(3);
        assertThat(GanttChart.text(built)).isEqualTo("time   0\nCPU 0  A_A\nI/O A   =\n");
        Timeline.Builder uneven = new Timeline.Builder(Runs.jobs("A=1"), 2).record(0, Slot.run("A"));
        assertThatThrownBy(uneven::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[1, 0]");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: the simulator refuses a run that could last more than a million time units, naming the limit")
    void longestRun() {
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=400000,200000,400001"), Policy.serial(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000001").hasMessageContaining("1000000");
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=500000", "B=1"), Policy.serial().withSwitchCost(1), 1))
                .as("switches count too: 500,001 units of work and up to 500,001 of switching")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000002");
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A@999999=2"), Policy.serial(), 1))
                .as("a job arriving late").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000001");
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=1", "B=1"), null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=1"), Policy.serial(), -1))
                .hasMessage("a machine needs at least one CPU: -1");
        assertThatThrownBy(() -> Simulator.run(Runs.jobs("A=1", "A=2"), Policy.serial(), 1))
                .hasMessage("two jobs are named A: [A=1, A=2]");
    }
}
