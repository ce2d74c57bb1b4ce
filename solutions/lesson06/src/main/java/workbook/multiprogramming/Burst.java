package workbook.multiprogramming;

import java.util.Objects;

/**
 * One stretch of a job's life: computing on a CPU, or waiting for I/O (a disk, the network,
 * a person at a keyboard). Lengths are whole time units of the simulation.
 *
 * <pre>
 *   Burst.cpu(3)   three units of computing: the job needs a CPU
 *   Burst.io(4)    four units of I/O: the job needs its device, and no CPU at all
 * </pre>
 */
public record Burst(Kind kind, int length) {

    /** What a job does during a burst. */
    public enum Kind { CPU, IO }

    /** Checks the arguments: a burst has a kind and lasts at least one time unit. */
    public Burst {
        Objects.requireNonNull(kind, "kind");
        if (length < 1) {
            throw new IllegalArgumentException("a burst lasts at least one time unit: " + length);
        }
    }

    /** A burst of computing. */
    public static Burst cpu(int length) {
        return new Burst(Kind.CPU, length);
    }

    /** A burst of waiting for I/O. */
    public static Burst io(int length) {
        return new Burst(Kind.IO, length);
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    @Override
    public String toString() {
        return (isCpu() ? "cpu " : "io ") + length;
    }
}
