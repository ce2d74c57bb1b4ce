package workbook.multiprogramming;

import java.util.List;

/** Reads a timeline from one job's point of view, for the property checks. */
final class Trace {

    static final List<Policy> POLICIES = List.of(Policy.serial(), Policy.serial().withSwitchCost(1),
            Policy.multiprogramming(), Policy.multiprogramming().withSwitchCost(2), Policy.roundRobin(1),
            Policy.roundRobin(2).withSwitchCost(1), Policy.roundRobin(3).withSwitchCost(2));

    private Trace() {
    }

    /**
     * The job's life, one letter per time unit: {@code r} runs, {@code i} in I/O, {@code s} a CPU
     * switches to it, {@code w} waits (ready but on no CPU), blank before it arrives and after it ends.
     */
    static String life(Timeline timeline, Job job) {
        StringBuilder life = new StringBuilder();
        int finish = timeline.finish(job.name());
        for (int t = 0; t < timeline.elapsed(); t++) {
            if (on(timeline, job.name(), t, Slot.Activity.RUN) > 0) {
                life.append('r');
            } else if (timeline.inIo(job.name(), t)) {
                life.append('i');
            } else if (on(timeline, job.name(), t, Slot.Activity.SWITCH) > 0) {
                life.append('s');
            } else if (t < job.arrival() || t >= finish) {
                life.append(' ');
            } else {
                life.append('w');
            }
        }
        return life.toString();
    }

    /** On how many CPUs the job has a slot of this activity during time unit {@code t}. */
    static int on(Timeline timeline, String job, int t, Slot.Activity activity) {
        int n = 0;
        for (int cpu = 0; cpu < timeline.cpus(); cpu++) {
            Slot slot = timeline.slot(cpu, t);
            if (slot.activity() == activity && slot.job().equals(job)) {
                n++;
            }
        }
        return n;
    }

    /** On how many CPUs the job has any slot (runs, is switched to, or holds it) during time unit {@code t}. */
    static int places(Timeline timeline, String job, int t) {
        int n = 0;
        for (int cpu = 0; cpu < timeline.cpus(); cpu++) {
            if (timeline.slot(cpu, t).job().equals(job)) {
                n++;
            }
        }
        return n;
    }

    /** The lengths of the job's bursts as its life shows them: CPU time units between I/O, then I/O, ... */
    static List<Integer> burstsSeen(String life) {
        String compact = life.replaceAll("[^ri]", "");
        return java.util.Arrays.stream(compact.split("(?<=r)(?=i)|(?<=i)(?=r)"))
                .filter(s -> !s.isEmpty()).map(String::length).toList();
    }
}
