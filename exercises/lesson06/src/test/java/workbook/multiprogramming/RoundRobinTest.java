package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** Time sharing: round robin takes the CPU back from a job that has used up its quantum. */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · Time sharing, round robin (step 3)")
class RoundRobinTest {

    static final List<Job> CPU_TRIO = Runs.jobs("A=5", "B=3", "C=1");

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: round robin, quantum 2, free switching: A=5 B=3 C=1 take turns, and C ends at 5, not 9")
    void takesTurns() {
        Timeline timeline = Runs.run(CPU_TRIO, Policy.roundRobin(2), 1);
        Runs.assertChart(timeline, """
                time   0    5
                CPU 0  AABBCAABA
                """, "A=5 B=3 C=1, round robin, quantum 2, switch cost 0");
        assertThat(List.of(timeline.finish("A"), timeline.finish("B"), timeline.finish("C")))
                .as("the finishes of A, B and C").containsExactly(9, 8, 5);
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: round robin, quantum 2, switch cost 1: five switches stretch the run from 9 to 14")
    void paysForEverySwitch() {
        Timeline timeline = Runs.run(CPU_TRIO, Policy.roundRobin(2).withSwitchCost(1), 1);
        Runs.assertChart(timeline, """
                time   0    5    10
                CPU 0  AA~BB~C~AA~B~A
                """, "A=5 B=3 C=1, round robin, quantum 2, switch cost 1");
        Report report = Report.of(timeline);
        assertThat(report.jobs().stream().map(Report.PerJob::turnaround).toList())
                .as("the turnarounds of A, B, C").containsExactly(14, 12, 7);
        Runs.assertUseful(timeline, 9, 14, "A=5 B=3 C=1 under round robin, quantum 2, switch cost 1");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: round robin, two CPUs: a job whose quantum ends keeps its CPU unless a job is waiting for one")
    void preemptsOnlyForWaitingJobs() {
        Timeline timeline = Runs.run(CPU_TRIO, Policy.roundRobin(2), 2);
        Runs.assertChart(timeline, """
                time   0    5
                CPU 0  AACAAA
                CPU 1  BBB...
                """, "A=5 B=3 C=1, round robin, quantum 2, two CPUs");
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: on one CPU no job runs past the end of its quantum while another job is ready")
    void noJobOverstaysItsQuantum() {
        int[] quanta = {1, 2, 3};
        RandomJobSets.check("on one CPU, a job runs on after a quantum only if no other job is ready", c -> {
            for (int quantum : quanta) {
                Policy policy = Policy.roundRobin(quantum).withSwitchCost((int) (c.seed % 2));
                Timeline timeline = c.run(policy, 1);
                int start = 0;
                for (int t = 0; t < timeline.elapsed(); t++) {
                    Slot slot = timeline.slot(0, t);
                    if (slot.activity() != Slot.Activity.RUN) {
                        continue;
                    }
                    boolean continues = t > 0 && timeline.slot(0, t - 1).equals(slot);
                    if (!continues) {
                        start = t;
                    } else if ((t - start) % quantum == 0) {
                        List<String> ready = readyAt(timeline, c.jobs, slot.job(), t);
                        assertThat(ready).as("under %s, %s ran %d time unit(s) in a row from instant %d; at instant %d,"
                                + " when its quantum ended, it went on although these jobs were ready", policy, slot.job(), t - start,
                                start, t).isEmpty();
                    }
                }
            }
        });
    }

    @Test
    @Tag("step:3")
    @DisplayName("Step 3: with a switch cost, a smaller quantum lowers utilisation: A=5 B=3 C=1 at quantum 5 to 1")
    void smallerQuantumLowersUtilisation() {
        List<String> seen = new ArrayList<>();
        double[] utilisation = new double[6];
        for (int quantum = 5; quantum >= 1; quantum--) {
            Report r = Report.of(Runs.run(CPU_TRIO, Policy.roundRobin(quantum).withSwitchCost(1), 1));
            utilisation[quantum] = r.utilisation();
            seen.add(String.format(Locale.ROOT, "quantum %d: elapsed %d, utilisation %.1f%%", quantum, r.elapsed(),
                    100 * r.utilisation()));
        }
        assertThat(seen).as("A=5 B=3 C=1, round robin, switch cost 1").containsExactly(
                "quantum 5: elapsed 11, utilisation 81.8%",
                "quantum 4: elapsed 12, utilisation 75.0%",
                "quantum 3: elapsed 12, utilisation 75.0%",
                "quantum 2: elapsed 14, utilisation 64.3%",
                "quantum 1: elapsed 16, utilisation 56.3%");
        assertThat(utilisation[1]).as("quantum 1 vs quantum 5").isLessThan(utilisation[5]);
    }

    /** The jobs other than {@code running} that were ready at instant {@code t}: arrived, unfinished, not in I/O. */
    private static List<String> readyAt(Timeline timeline, List<Job> jobs, String running, int t) {
        List<String> ready = new ArrayList<>();
        for (Job job : jobs) {
            boolean present = job.arrival() <= t && timeline.finish(job.name()) > t;
            if (!job.name().equals(running) && present && !timeline.inIo(job.name(), t)) {
                ready.add(job.name());
            }
        }
        return ready;
    }
}
