package workbook.multiprogramming;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened during one run of the {@link Simulator}, time unit by time unit: what each CPU
 * did, which jobs were in I/O, and when each job finished.
 *
 * <p>Time unit {@code t} is the stretch from instant {@code t} to instant {@code t + 1}; a run
 * starts at instant 0 and ends at instant {@link #elapsed()}, when its last job finishes.
 * A timeline is built once, by the simulator, and never changes afterwards.
 */
public final class Timeline {

    private final List<Job> jobs;
    private final List<List<Slot>> cpus;
    private final Map<String, BitSet> io;
    private final Map<String, Integer> finish;

    private Timeline(Builder b) {
        this.jobs = List.copyOf(b.jobs);
        this.cpus = b.cpus.stream().map(List::copyOf).toList();
        this.io = Map.copyOf(b.io);
        this.finish = Map.copyOf(b.finish);
    }

    public List<Job> jobs() {
        return jobs;
    }

    public int cpus() {
        return cpus.size();
    }

    /** The instant the last job finished: the length of the run. */
    public int elapsed() {
        return cpus.get(0).size();
    }

    /** What CPU {@code cpu} (0, 1, ...) did during time unit {@code time}. */
    public Slot slot(int cpu, int time) {
        return cpus.get(cpu).get(time);
    }

    /** Whether job {@code job} was doing I/O during time unit {@code time}. */
    public boolean inIo(String job, int time) {
        return io.get(job).get(time);
    }

    /** The instant job {@code job} finished its last burst. */
    public int finish(String job) {
        Integer at = finish.get(job);
        if (at == null) {
            throw new IllegalArgumentException("no job named \"" + job + "\" finished in this run");
        }
        return at;
    }

    /** How many CPU time units, over all CPUs, were spent on {@code activity}. */
    public long count(Slot.Activity activity) {
        return cpus.stream().flatMap(List::stream).filter(s -> s.activity() == activity).count();
    }

    /** Collects a timeline one time unit at a time; the simulator's (and the checks') only way to make one. */
    static final class Builder {
        private final List<Job> jobs;
        private final List<List<Slot>> cpus = new ArrayList<>();
        private final Map<String, BitSet> io = new HashMap<>();
        private final Map<String, Integer> finish = new HashMap<>();

        Builder(List<Job> jobs, int cpus) {
            this.jobs = jobs;
            for (int i = 0; i < cpus; i++) {
                this.cpus.add(new ArrayList<>());
            }
            jobs.forEach(job -> io.put(job.name(), new BitSet()));
        }

        /** CPU {@code cpu} did {@code slot} in the next time unit of its row. */
        Builder record(int cpu, Slot slot) {
            cpus.get(cpu).add(slot);
            return this;
        }

        Builder io(String job, int time) {
            io.get(job).set(time);
            return this;
        }

        Builder finished(String job, int time) {
            finish.put(job, time);
            return this;
        }

        Timeline build() {
            int length = cpus.get(0).size();
            if (cpus.stream().anyMatch(row -> row.size() != length)) {
                throw new IllegalStateException("every CPU needs one slot per time unit, but the rows have lengths "
                        + cpus.stream().map(List::size).toList());
            }
            return new Timeline(this);
        }
    }
}
