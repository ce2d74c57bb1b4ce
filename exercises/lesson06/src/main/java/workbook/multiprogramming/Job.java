package workbook.multiprogramming;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A program to run: a name of one letter or digit (its mark in a Gantt chart), the time it
 * arrives, and its bursts, which alternate CPU, I/O, CPU, ..., and begin and end with CPU.
 *
 * <p>The demo and the checks write jobs in a short notation, the lengths of the bursts in order:
 * <pre>
 *   A=2,4,2      job A arrives at time 0: 2 units of CPU, then 4 of I/O, then 2 of CPU
 *   B@3=5        job B arrives at time 3 and computes for 5 units, with no I/O
 * </pre>
 */
public record Job(String name, int arrival, List<Burst> bursts) {

    private static final Pattern NOTATION = Pattern.compile("(\\w)(?:@(\\d{1,6}))?=(\\d{1,6}(?:,\\d{1,6})*)");

    /** Checks the arguments, so that the simulator can trust every job it is given. */
    public Job {
        Objects.requireNonNull(name, "name");
        if (name.length() != 1 || !Character.isLetterOrDigit(name.charAt(0))) {
            throw new IllegalArgumentException("a job's name is one letter or digit: \"" + name + "\"");
        }
        if (arrival < 0) {
            throw new IllegalArgumentException("job " + name + " cannot arrive before time 0: " + arrival);
        }
        bursts = List.copyOf(bursts);
        if (bursts.isEmpty() || bursts.size() % 2 == 0) {
            throw new IllegalArgumentException("job " + name + " needs an odd number of bursts (CPU, I/O, ..., CPU): "
                    + bursts);
        }
        for (int i = 0; i < bursts.size(); i++) {
            if (bursts.get(i).isCpu() != (i % 2 == 0)) {
                throw new IllegalArgumentException("job " + name + "'s bursts must alternate CPU, I/O, CPU, ...: "
                        + "burst " + i + " is " + bursts.get(i) + " in " + bursts);
            }
        }
    }

    /** A job arriving at time 0; {@code lengths} are its bursts' lengths: CPU, I/O, CPU, ... */
    public static Job of(String name, int... lengths) {
        return arriving(name, 0, lengths);
    }

    /** A job arriving at {@code arrival}; {@code lengths} are its bursts' lengths: CPU, I/O, CPU, ... */
    public static Job arriving(String name, int arrival, int... lengths) {
        List<Burst> bursts = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            bursts.add(i % 2 == 0 ? Burst.cpu(lengths[i]) : Burst.io(lengths[i]));
        }
        return new Job(name, arrival, bursts);
    }

    /** Reads a job in the notation {@code A=2,4,2} or {@code A@3=2,4,2}. */
    public static Job parse(String text) {
        Matcher m = NOTATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a job: \"" + text + "\" (write NAME=cpu,io,cpu,... or"
                    + " NAME@arrival=cpu,io,cpu,..., e.g. A=2,4,2 or B@3=5)");
        }
        int arrival = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int[] lengths = Pattern.compile(",").splitAsStream(m.group(3)).mapToInt(Integer::parseInt).toArray();
        return arriving(m.group(1), arrival, lengths);
    }

    /** Total time this job needs a CPU. */
    public int cpuTime() {
        return bursts.stream().filter(Burst::isCpu).mapToInt(Burst::length).sum();
    }

    /** Total time this job spends in I/O. */
    public int ioTime() {
        return bursts.stream().filter(b -> !b.isCpu()).mapToInt(Burst::length).sum();
    }

    /** The job in the notation {@link #parse} reads, e.g. {@code B@3=5}. */
    public String notation() {
        String lengths = bursts.stream().map(b -> String.valueOf(b.length())).collect(Collectors.joining(","));
        return name + (arrival == 0 ? "" : "@" + arrival) + "=" + lengths;
    }

    @Override
    public String toString() {
        return notation();
    }
}
