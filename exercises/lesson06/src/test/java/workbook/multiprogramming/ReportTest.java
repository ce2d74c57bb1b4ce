package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/** CPU utilisation: the share of the CPUs' time that did useful work. */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · CPU utilisation (step 4)")
class ReportTest {

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: serial, one CPU: the CPU did useful work in 8 of 14 units (57.1%); waiting for I/O is not work")
    void serialUtilisation() {
        Timeline timeline = Runs.run(SerialTest.IO_PAIR, Policy.serial(), 1);
        Runs.assertUseful(timeline, 8, 14, "A=2,4,2 B=3,2,1, serial, one CPU");
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: serial, two CPUs: 15 useful of 26 CPU time units (57.7%)")
    void serialUtilisationTwoCpus() {
        Timeline timeline = Runs.run(SerialTest.MIX, Policy.serial(), 2);
        Runs.assertUseful(timeline, 15, 26, "A=2,4,2 B=3,2,1 C@1=5 D@2=1,3,1, serial, two CPUs");
    }

    @Test
    @Tag("step:4")
    @DisplayName("Step 4: for any job set and policy, utilisation = the jobs' CPU time / (CPUs x elapsed)")
    void utilisationIsCpuTimeOverCapacity() {
        RandomJobSets.check("useful time = the sum of the jobs' CPU time; utilisation = that / (CPUs x elapsed)", c -> {
            for (Policy policy : Trace.POLICIES) {
                Timeline timeline = c.run(policy);
                Report report = Report.of(timeline);
                long cpuTime = c.jobs.stream().mapToInt(Job::cpuTime).sum();
                long capacity = (long) c.cpus * timeline.elapsed();
                if (report.usefulTime() != cpuTime || report.capacity() != capacity
                        || report.utilisation() != (double) cpuTime / capacity) {
                    fail("Under %s, on %d CPU(s), elapsed %d: expected useful time %d (the jobs' CPU time) of"
                            + " capacity %d, utilisation %.4f; the report says %d of %d, utilisation %.4f.", policy,
                            c.cpus, timeline.elapsed(), cpuTime, capacity, (double) cpuTime / capacity,
                            report.usefulTime(), report.capacity(), report.utilisation());
                }
            }
        });
    }
}
