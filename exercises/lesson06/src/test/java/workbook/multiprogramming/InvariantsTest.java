package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbook.testkit.LessonChecks;

/**
 * What must hold for every job set under every policy, checked on hundreds of random job sets.
 * A failure names the seed of the job set; {@code -Dlesson06.seed=N} replays it alone.
 */
@LessonChecks
@Timeout(5)
@DisplayName("Lesson 06 · Invariants over random job sets (step 1)")
class InvariantsTest {

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: under every policy every job finishes, doing its bursts in order and each I/O burst in one piece")
    void everyJobFinishesItsBurstsInOrder() {
        RandomJobSets.check("every job finishes, and does its CPU and I/O bursts in order", c -> {
            for (Policy policy : Trace.POLICIES) {
                Timeline timeline = c.run(policy);
                for (Job job : c.jobs) {
                    String life = Trace.life(timeline, job);
                    assertThat(Trace.burstsSeen(life))
                            .as("under %s, the bursts job %s did (its life: \"%s\", r = runs, i = I/O, w = waits,"
                                    + " s = switched to)", policy, job.name(), life)
                            .isEqualTo(job.bursts().stream().map(Burst::length).toList());
                    assertThat(life)
                            .as("under %s, job %s's life: I/O starts the moment a CPU burst ends, and is never"
                                    + " interrupted (each job has its own device)", policy, job.name())
                            .doesNotContainPattern("r[ws]+i").doesNotContainPattern("i[ws]+i");
                    assertThat(timeline.finish(job.name()))
                            .as("under %s, job %s's finish: the end of its last CPU time unit", policy, job.name())
                            .isEqualTo(life.lastIndexOf('r') + 1);
                }
            }
        });
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: a CPU runs one job at a time, and a job is on one CPU at a time, never while in I/O")
    void oneThingAtATime() {
        RandomJobSets.check("one job per CPU, one CPU per job, and no job on a CPU while it does I/O", c -> {
            for (Policy policy : Trace.POLICIES) {
                Timeline timeline = c.run(policy);
                assertThat(timeline.cpus()).as("the number of CPU rows").isEqualTo(c.cpus);
                for (Job job : c.jobs) {
                    for (int t = 0; t < timeline.elapsed(); t++) {
                        int time = t;
                        trouble(timeline, job, t).ifPresent(trouble ->
                                fail("Under %s, job %s in time unit %d %s.", policy, job.name(), time, trouble));
                    }
                }
            }
        });
    }

    /** What is wrong with where the job is during time unit t, if anything. */
    private static Optional<String> trouble(Timeline timeline, Job job, int t) {
        int places = Trace.places(timeline, job.name(), t);
        boolean inIo = timeline.inIo(job.name(), t);
        if (places > 1) {
            return Optional.of("is on " + places + " CPUs at once");
        }
        if (inIo && Trace.on(timeline, job.name(), t, Slot.Activity.RUN) > 0) {
            return Optional.of("runs on a CPU and does I/O at the same time");
        }
        if (!inIo && Trace.on(timeline, job.name(), t, Slot.Activity.HELD) > 0) {
            return Optional.of("holds a CPU 'waiting for its I/O', but is not in I/O");
        }
        if ((t < job.arrival() || t >= timeline.finish(job.name())) && (places > 0 || inIo)) {
            return Optional.of("is active before it arrived (at " + job.arrival() + ") or after it finished (at "
                    + timeline.finish(job.name()) + ")");
        }
        return Optional.empty();
    }

    @Test
    @Tag("step:1")
    @DisplayName("Step 1: CPU time is conserved: each job computes exactly its CPU time and does exactly its I/O time")
    void timeIsConserved() {
        RandomJobSets.check("each job runs exactly its CPU time and does exactly its I/O time", c -> {
            for (Policy policy : Trace.POLICIES) {
                Timeline timeline = c.run(policy);
                int lastFinish = 0;
                for (Job job : c.jobs) {
                    String life = Trace.life(timeline, job);
                    assertThat(life.chars().filter(ch -> ch == 'r').count())
                            .as("under %s, the time units job %s ran (its CPU time is %d)", policy, job.name(),
                                    job.cpuTime())
                            .isEqualTo(job.cpuTime());
                    assertThat(life.chars().filter(ch -> ch == 'i').count())
                            .as("under %s, the time units job %s did I/O (its I/O time is %d)", policy, job.name(),
                                    job.ioTime())
                            .isEqualTo(job.ioTime());
                    lastFinish = Math.max(lastFinish, timeline.finish(job.name()));
                }
                assertThat(timeline.count(Slot.Activity.RUN))
                        .as("under %s, all RUN slots together: the sum of the jobs' CPU time", policy)
                        .isEqualTo(c.jobs.stream().mapToInt(Job::cpuTime).sum());
                assertThat(timeline.elapsed())
                        .as("under %s, the elapsed time: the instant the last job finished", policy)
                        .isEqualTo(lastFinish);
            }
        });
    }
}
