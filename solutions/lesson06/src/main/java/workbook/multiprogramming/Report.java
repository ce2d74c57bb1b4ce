package workbook.multiprogramming;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one run: how long it took, how much of the CPUs' time did useful work, and how
 * long each job took from its arrival to its end.
 *
 * <pre>
 *   elapsed       the instant the last job finished
 *   capacity      CPUs x elapsed: every CPU time unit there was
 *   useful time   the CPU time units spent running jobs (not switching, not held, not idle)
 *   utilisation   useful time / capacity
 *   turnaround    a job's finish - its arrival
 *   waiting       turnaround - the job's own CPU time - its own I/O time: the time it spent
 *                 ready but not running (in the queue, or while its CPU switched to it)
 * </pre>
 * Example: two jobs on one serial CPU, A=2,4,2 then B=3,2,1, end at 14; the CPU runs jobs for
 * 2+2+3+1 = 8 of those 14 units, so the utilisation is 8/14 = 57.1%.
 */
public record Report(int cpus, int elapsed, long usefulTime, List<PerJob> jobs) {

    /** One job's figures. */
    public record PerJob(String name, int arrival, int cpuTime, int ioTime, int finish) {

        public int turnaround() {
            return finish - arrival;
        }

        public int waiting() {
            return turnaround() - cpuTime - ioTime;
        }
    }

    public Report {
        jobs = List.copyOf(jobs);
    }

    /** Works the figures out from a timeline. */
    public static Report of(Timeline timeline) {
        List<PerJob> jobs = timeline.jobs().stream()
                .map(j -> new PerJob(j.name(), j.arrival(), j.cpuTime(), j.ioTime(), timeline.finish(j.name())))
                .toList();
        // tag::useful-time[]
        // Only a CPU that runs a job does useful work. Switching is
        // overhead, and a CPU held by a job that waits for its I/O
        // is as idle as a CPU with no job at all.
        long useful = timeline.count(Slot.Activity.RUN);
        // end::useful-time[]
        return new Report(timeline.cpus(), timeline.elapsed(), useful, jobs);
    }

    /** Every CPU time unit there was: CPUs x elapsed. */
    public long capacity() {
        return (long) cpus * elapsed;
    }

    /** The share of the CPUs' time spent on useful work, from 0 to 1. */
    public double utilisation() {
        return (double) usefulTime / capacity();
    }

    public double averageTurnaround() {
        return jobs.stream().mapToInt(PerJob::turnaround).average().orElse(0);
    }

    public double averageWaiting() {
        return jobs.stream().mapToInt(PerJob::waiting).average().orElse(0);
    }

    /** The figures as a table, one line per job, then the averages and the utilisation. */
    public String table() {
        StringBuilder t = new StringBuilder("job  arrives  cpu  i/o  finishes  turnaround  waiting\n");
        for (PerJob j : jobs) {
            t.append(String.format(Locale.ROOT, "%-3s  %7d  %3d  %3d  %8d  %10d  %7d%n", j.name(), j.arrival(),
                    j.cpuTime(), j.ioTime(), j.finish(), j.turnaround(), j.waiting()));
        }
        t.append(String.format(Locale.ROOT, "average %36.1f  %7.1f%n", averageTurnaround(), averageWaiting()));
        t.append(String.format(Locale.ROOT, "elapsed %d, CPU utilisation %.1f%% (%d of %d CPU time units did useful"
                + " work)%n", elapsed, 100 * utilisation(), usefulTime, capacity()));
        return t.toString();
    }
}
