package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;

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
                String what = "under " + policy + ", on " + c.cpus + " CPU(s), elapsed " + timeline.elapsed();
                assertThat(report.usefulTime()).as("%s: the useful time (the jobs' CPU time is %d)", what, cpuTime)
                        .isEqualTo(cpuTime);
                assertThat(report.capacity()).as("%s: the capacity", what)
                        .isEqualTo((long) c.cpus * timeline.elapsed());
                assertThat(report.utilisation()).as("%s: the utilisation", what)
                        .isEqualTo((double) cpuTime / report.capacity());
            }
        });
    }
}
