package workbook.multiprogramming;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A deterministic CPU scheduler simulator: runs jobs on one or more CPUs under a {@link Policy},
 * one time unit at a time, and records what happened in a {@link Timeline}.
 *
 * <p>The same jobs and policy always give the same timeline, so a run can be worked out by hand.
 * These are the rules, applied at every instant {@code t = 0, 1, 2, ...} in this order:
 * <ol>
 * <li>Jobs that arrive at {@code t} join the back of the ready queue, in the order of the job list.</li>
 * <li>Jobs whose I/O ended at {@code t} join it next, in the order of the job list; under the serial
 *     policy such a job still has its CPU, and simply goes on running.</li>
 * <li>Each free CPU, CPU 0 first, takes the job at the head of the ready queue. If that CPU last ran
 *     another job, it first spends {@code switchCost} units switching.</li>
 * <li>Round robin: a CPU whose job has run a whole quantum since it got the CPU puts the job at the
 *     back of the queue and takes the head, but only while jobs that were already waiting remain;
 *     if none wait, the job simply starts a new quantum.</li>
 * <li>Then one time unit passes: every CPU switches, runs its job, is held or idles, and every job
 *     in I/O does one unit of it. A job whose CPU burst is done starts its next I/O burst at once
 *     (or finishes, if that was its last burst).</li>
 * </ol>
 * Every job has its own I/O device (its own disk, its own connection), so I/O of different jobs
 * overlaps and never queues.
 */
public final class Simulator {

    /** The longest run the simulator agrees to step through, one time unit at a time. */
    static final int MAX_TIME = 1_000_000;

    private enum State { NOT_ARRIVED, READY, RUNNING, IN_IO, DONE }

    /** A job on its way: which burst it is in, and how much of that burst is left. */
    private static final class Progress {
        final Job job;
        State state = State.NOT_ARRIVED;
        int burst;
        int left;
        Cpu cpu;

        Progress(Job job) {
            this.job = job;
            this.left = job.bursts().get(0).length();
        }

        String name() {
            return job.name();
        }
    }

    /** A CPU: the job it has, the job it ran last, and how long it has run that job in a row. */
    private static final class Cpu {
        final int index;
        Progress job;
        Progress last;
        int ran;
        int switching;

        Cpu(int index) {
            this.index = index;
        }
    }

    private final Policy policy;
    private final List<Progress> jobs = new ArrayList<>();
    private final List<Cpu> cpus = new ArrayList<>();
    private final Deque<Progress> ready = new ArrayDeque<>();
    private final Timeline.Builder timeline;
    private int now;

    private Simulator(List<Job> jobs, Policy policy, int cpus) {
        this.policy = policy;
        jobs.forEach(job -> this.jobs.add(new Progress(job)));
        for (int i = 0; i < cpus; i++) {
            this.cpus.add(new Cpu(i));
        }
        this.timeline = new Timeline.Builder(jobs, cpus);
    }

    /**
     * Runs {@code jobs} to the end on {@code cpus} CPUs under {@code policy}.
     *
     * @throws IllegalArgumentException if there are no jobs, two share a name, there is no CPU,
     *                                  or the run could last longer than {@value #MAX_TIME} units
     */
    public static Timeline run(List<Job> jobs, Policy policy, int cpus) {
        Objects.requireNonNull(policy, "policy");
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("there is nothing to run: the job list is empty");
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("a machine needs at least one CPU: " + cpus);
        }
        Set<String> names = new HashSet<>();
        for (Job job : jobs) {
            if (!names.add(job.name())) {
                throw new IllegalArgumentException("two jobs are named " + job.name() + ": " + jobs);
            }
        }
        if (longestRun(jobs, policy) > MAX_TIME) {
            throw new IllegalArgumentException("these jobs could run for up to " + longestRun(jobs, policy)
                    + " time units; the simulator steps through at most " + MAX_TIME);
        }
        return new Simulator(List.copyOf(jobs), policy, cpus).simulate();
    }

    /**
     * An upper bound on the elapsed time: until the last arrival, and after it, in every time unit
     * some job computes, does I/O, or a CPU switches to a job that will then compute at least once.
     */
    private static long longestRun(List<Job> jobs, Policy policy) {
        long lastArrival = jobs.stream().mapToLong(Job::arrival).max().orElse(0);
        long work = jobs.stream().mapToLong(job -> job.cpuTime() + job.ioTime()).sum();
        long cpuTime = jobs.stream().mapToLong(Job::cpuTime).sum();
        return lastArrival + work + (long) policy.switchCost() * cpuTime;
    }

    // tag::loop[]
    private Timeline simulate() {
        long limit = longestRun(jobs.stream().map(p -> p.job).toList(), policy);
        while (!allDone()) {
            if (now > limit) {
                throw new IllegalStateException("the run passed time " + limit
                        + " without ending: a job that never gets a CPU?");
            }
            admitArrivals();      // rule 1
            admitReturnsFromIo(); // rule 2
            dispatch();           // rule 3
            preempt();            // rule 4
            tick();               // rule 5
        }
        return timeline.build();
    }
    // end::loop[]

    private boolean allDone() {
        return jobs.stream().allMatch(p -> p.state == State.DONE);
    }

    private void admitArrivals() {
        for (Progress p : jobs) {
            if (p.state == State.NOT_ARRIVED && p.job.arrival() == now) {
                p.state = State.READY;
                ready.addLast(p);
            }
        }
    }

    private void admitReturnsFromIo() {
        for (Progress p : jobs) {
            if (p.state == State.IN_IO && p.left == 0) {
                nextBurst(p);
                if (p.cpu != null) {
                    p.state = State.RUNNING; // its CPU waited for it
                    p.cpu.ran = 0;
                } else {
                    p.state = State.READY;
                    ready.addLast(p);
                }
            }
        }
    }

    private void dispatch() {
        for (Cpu cpu : cpus) {
            if (cpu.job == null && !ready.isEmpty()) {
                give(cpu, ready.removeFirst());
            }
        }
    }

    // tag::give[]
    private void give(Cpu cpu, Progress p) {
        boolean otherJob = cpu.last != null && cpu.last != p;
        cpu.switching = otherJob ? policy.switchCost() : 0;
        cpu.job = p;
        cpu.last = p;
        cpu.ran = 0;
        p.cpu = cpu;
        p.state = State.RUNNING;
    }
    // end::give[]

    // tag::preempt[]
    private void preempt() {
        // Time sharing: no job may keep the others waiting for
        // longer than a quantum, but only a job that waits can
        // take a CPU away; so count them before the first swap.
        int waiting = ready.size(); // jobs that were waiting before
        for (Cpu cpu : cpus) {
            Progress p = cpu.job;
            if (p == null || p.state != State.RUNNING
                    || !policy.quantumUsedUp(cpu.ran)) {
                continue;
            }
            if (waiting == 0) {
                cpu.ran = 0; // nobody else waits: a new quantum
                continue;
            }
            waiting--;
            release(cpu);
            p.state = State.READY;
            ready.addLast(p);
            give(cpu, ready.removeFirst());
        }
    }
    // end::preempt[]

    private void tick() {
        for (Cpu cpu : cpus) {
            timeline.record(cpu.index, work(cpu));
        }
        for (Progress p : jobs) {
            if (p.state == State.IN_IO) {
                timeline.io(p.name(), now);
                p.left--;
            }
        }
        now++;
        for (Cpu cpu : cpus) {
            if (cpu.job != null && cpu.job.state == State.RUNNING && cpu.job.left == 0) {
                endCpuBurst(cpu);
            }
        }
    }

    /** What the CPU does with this time unit. */
    private static Slot work(Cpu cpu) {
        Progress p = cpu.job;
        if (p == null) {
            return Slot.IDLE;
        }
        if (cpu.switching > 0) {
            cpu.switching--;
            return Slot.switchTo(p.name());
        }
        if (p.state == State.IN_IO) {
            return Slot.held(p.name());
        }
        p.left--;
        cpu.ran++;
        return Slot.run(p.name());
    }

    // tag::end-cpu-burst[]
    private void endCpuBurst(Cpu cpu) {
        Progress p = cpu.job;
        if (p.burst == p.job.bursts().size() - 1) {
            p.state = State.DONE;
            timeline.finished(p.name(), now);
            release(cpu);
            return;
        }
        nextBurst(p);
        p.state = State.IN_IO;
        // tag::release[]
        // The CPU can do nothing for a job that waits for
        // its I/O: only a serial machine keeps it waiting.
        if (policy.releasesCpuOnIo()) {
            release(cpu);
        }
        // end::release[]
    }
    // end::end-cpu-burst[]

    private static void nextBurst(Progress p) {
        p.burst++;
        p.left = p.job.bursts().get(p.burst).length();
    }

    private static void release(Cpu cpu) {
        cpu.job.cpu = null;
        cpu.job = null;
    }
}
