package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** Multiprogramming: a job that starts I/O gives its CPU to another job. */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · Multiprogramming (step 2)")
class MultiprogrammingTest {

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: multiprogramming, one CPU: while A waits for its I/O, B runs; both end by 9, not 14")
    void switchesOnIo() {
        Timeline timeline = Runs.run(SerialTest.IO_PAIR, Policy.multiprogramming(), 1);
        Runs.assertChart(timeline, """
                time   0    5
                CPU 0  AABBB.AAB
                I/O A    ====
                I/O B       ==
                """, "A=2,4,2 B=3,2,1, multiprogramming, one CPU");
        assertThat(List.of(timeline.finish("A"), timeline.finish("B"))).as("the finishes of A and B")
                .containsExactly(8, 9);
        Runs.assertUseful(timeline, 8, 9, "A=2,4,2 B=3,2,1 under multiprogramming");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: multiprogramming, two CPUs: four jobs end by 8 (serial needs 13)")
    void switchesOnIoWithTwoCpus() {
        Timeline timeline = Runs.run(SerialTest.MIX, Policy.multiprogramming(), 2);
        Runs.assertChart(timeline, """
                time   0    5
                CPU 0  AACCCCCD
                CPU 1  BBBD.BAA
                I/O A    ====
                I/O B     ==
                I/O D      ===
                """, "A=2,4,2 B=3,2,1 C@1=5 D@2=1,3,1, multiprogramming, two CPUs");
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: under multiprogramming and round robin no CPU waits for a job's I/O, or idles while a job is ready")
    void neverIdlesWhileAJobIsReady() {
        List<Policy> policies = List.of(Policy.multiprogramming(), Policy.multiprogramming().withSwitchCost(1),
                Policy.roundRobin(2), Policy.roundRobin(1).withSwitchCost(1));
        RandomJobSets.check("no CPU is held during I/O, and no CPU idles while a job is ready", c -> {
            for (Policy policy : policies) {
                Timeline timeline = c.run(policy);
                assertThat(timeline.count(Slot.Activity.HELD))
                        .as("under %s, CPU time units held by a job waiting for its I/O (marked _)", policy)
                        .isZero();
                List<String> lives = c.jobs.stream().map(job -> Trace.life(timeline, job)).toList();
                for (int t = 0; t < timeline.elapsed(); t++) {
                    List<String> ready = new ArrayList<>();
                    for (Job job : c.jobs) {
                        if (lives.get(c.jobs.indexOf(job)).charAt(t) == 'w') {
                            ready.add(job.name());
                        }
                    }
                    for (int cpu = 0; cpu < timeline.cpus(); cpu++) {
                        if (timeline.slot(cpu, t).activity() == Slot.Activity.IDLE && !ready.isEmpty()) {
                            fail("Under %s, in time unit %d CPU %d idles while %s wait(s) for a CPU.", policy, t, cpu,
                                    ready);
                        }
                    }
                }
            }
        });
    }

    @Test
    @Tag("step:2")
    @DisplayName("Step 2: on one CPU with free switching, multiprogramming never takes longer than serial")
    void neverSlowerThanSerialOnOneCpu() {
        RandomJobSets.check("on one CPU, multiprogramming (switch cost 0) ends no later than serial", c -> {
            int serial = c.run(Policy.serial(), 1).elapsed();
            int multi = c.run(Policy.multiprogramming(), 1).elapsed();
            assertThat(multi).as("multiprogramming's elapsed time, serial's is %d", serial)
                    .isLessThanOrEqualTo(serial);
        });
    }
}
