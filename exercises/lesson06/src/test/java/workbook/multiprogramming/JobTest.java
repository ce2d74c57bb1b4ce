package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import workbook.testkit.LessonChecks;

/** Jobs, bursts and policies: the simulator's inputs, checked before anything runs. */
@LessonChecks
@DisplayName("Lesson 06 · Jobs, bursts and policies (step 1)")
class JobTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a job is read from the notation A=2,4,2 or B@3=5, and written back the same way")
    void readsTheNotation() {
        Job a = Job.parse("A=2,4,2");
        assertThat(a.bursts()).containsExactly(Burst.cpu(2), Burst.io(4), Burst.cpu(2));
        assertThat(a.arrival()).isZero();
        assertThat(a.cpuTime()).as("A's CPU time").isEqualTo(4);
        assertThat(a.ioTime()).as("A's I/O time").isEqualTo(4);
        Job b = Job.parse("B@3=5");
        assertThat(b).isEqualTo(new Job("B", 3, List.of(Burst.cpu(5))));
        assertThat(List.of(a.notation(), b.notation())).containsExactly("A=2,4,2", "B@3=5");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: bad jobs and bursts are refused, and the message names the bad value")
    void refusesBadJobs() {
        assertThatThrownBy(() -> Burst.cpu(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> Job.of("A", 2, 3)).as("a job that ends with I/O")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
        assertThatThrownBy(() -> new Job("A", 0, List.of(Burst.io(2), Burst.cpu(1), Burst.io(2))))
                .as("a job that starts with I/O").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alternate");
        assertThatThrownBy(() -> Job.of("AB", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AB");
        assertThatThrownBy(() -> Job.arriving("A", -1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Job.parse("A=2,,3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A=2,,3");
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a policy refuses a quantum below 1 and a negative switch cost, naming the value")
    void refusesBadPolicies() {
        assertThatThrownBy(() -> Policy.roundRobin(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> Policy.multiprogramming().withSwitchCost(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThat(Policy.roundRobin(2).withSwitchCost(1)).hasToString("round robin, quantum 2, switch cost 1");
    }
}
