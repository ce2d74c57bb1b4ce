package workbook.multiprogramming;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** The policies at their boundaries: ties the simulator's rules decide, worked out by hand. */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · The policies at their boundaries")
class PolicyEdgesTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: serial: a CPU idles until a late job arrives; the first CPU takes the first job")
    void serialLateArrival() {
        Runs.assertChart(Runs.run(Runs.jobs("B@3=2", "A=1"), Policy.serial(), 1), """
                time   0    5
                CPU 0  A..BB
                """, "B@3=2 A=1, serial, one CPU");
        Runs.assertChart(Runs.run(Runs.jobs("A=2"), Policy.serial(), 2), """
                time   0
                CPU 0  AA
                CPU 1  ..
                """, "A=2, serial, two CPUs");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: multiprogramming, switch cost 1: a job that comes back to the CPU it left pays no switch: A.A")
    void noSwitchBackToTheSameJob() {
        Runs.assertChart(Runs.run(Runs.jobs("A=1,1,1"), Policy.multiprogramming().withSwitchCost(1), 1), """
                time   0
                CPU 0  A.A
                I/O A   =
                """, "A=1,1,1, multiprogramming, switch cost 1, one CPU");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: multiprogramming, two CPUs, switch cost 1: a job that comes back on the other CPU pays a switch")
    void switchOnTheOtherCpu() {
        Runs.assertChart(Runs.run(Runs.jobs("A=1,2,1", "B=3", "C=4"), Policy.multiprogramming().withSwitchCost(1), 2),
                """
                time   0    5
                CPU 0  A~CCCC
                CPU 1  BBB~A.
                I/O A   ==
                """, "A=1,2,1 B=3 C=4, multiprogramming, switch cost 1, two CPUs");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: round robin, quantum 2: a CPU burst that ends exactly with its quantum goes to I/O, not to the queue")
    void quantumEndsWithTheBurst() {
        Runs.assertChart(Runs.run(Runs.jobs("A=2,1,2", "B=4"), Policy.roundRobin(2), 1), """
                time   0    5
                CPU 0  AABBAABB
                I/O A    =
                """, "A=2,1,2 B=4, round robin, quantum 2");
        Runs.assertChart(Runs.run(Runs.jobs("A=3", "B=3", "C@2=1"), Policy.roundRobin(3).withSwitchCost(1), 1), """
                time   0    5
                CPU 0  AAA~BBB~C
                """, "A=3 B=3 C@2=1, round robin, quantum 3, switch cost 1");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: round robin: a job that arrives joins the queue before one whose I/O ends at the same instant")
    void arrivalsBeforeReturns() {
        Runs.assertChart(Runs.run(Runs.jobs("A=2,1,1", "B@3=1", "C=3"), Policy.roundRobin(2), 1), """
                time   0    5
                CPU 0  AACCBAC
                I/O A    =
                """, "A=2,1,1 B@3=1 C=3, round robin, quantum 2");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: round robin, quantum 1, two CPUs: one waiting job displaces one running job, never two")
    void oneSwapPerWaitingJob() {
        Runs.assertChart(Runs.run(Runs.jobs("A=3", "B=3", "C=3"), Policy.roundRobin(1), 2), """
                time   0    5
                CPU 0  ACAA.
                CPU 1  BBBCC
                """, "A=3 B=3 C=3, round robin, quantum 1, two CPUs");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: the lesson's quantum table: A=5 B=3 C=1, switch cost 1, at quantum 5, 4, 3, 2 and 1")
    void quantumTable() {
        String[] charts = {"AAAAA~BBB~C", "AAAA~BBB~C~A", "AAA~BBB~C~AA", "AA~BB~C~AA~B~A", "A~B~C~A~B~A~B~AA"};
        for (int quantum = 5; quantum >= 1; quantum--) {
            Timeline timeline = Runs.run(RoundRobinTest.CPU_TRIO, Policy.roundRobin(quantum).withSwitchCost(1), 1);
            String row = GanttChart.text(timeline).lines().skip(1).findFirst().orElse("");
            org.assertj.core.api.Assertions.assertThat(row).as("the CPU row at quantum %d", quantum)
                    .isEqualTo("CPU 0  " + charts[5 - quantum]);
        }
    }
}
