package workbook.multiprogramming;

import java.util.Objects;

/**
 * How the machine shares its CPUs among jobs, and what one switch from job to job costs.
 *
 * <pre>
 *   Policy.serial()                uniprogramming: a job keeps its CPU until it ends, even while it
 *                                  waits for I/O (the CPU then idles)
 *   Policy.multiprogramming()      a job gives its CPU up when it starts I/O
 *   Policy.roundRobin(2)           time sharing: as multiprogramming, and a job that has run for the
 *                                  quantum (2 units) must also give its CPU up if another job waits
 *   ....withSwitchCost(1)          each time a CPU moves to another job it first spends 1 unit
 *                                  saving one job's state and loading the other's
 * </pre>
 */
public record Policy(Kind kind, int quantum, int switchCost) {

    /** The three ways of sharing, in the order history found them. */
    public enum Kind { SERIAL, MULTIPROGRAMMING, ROUND_ROBIN }

    /** Checks the arguments: only round robin has a quantum, and no cost is negative. */
    public Policy {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ROUND_ROBIN && quantum < 1) {
            throw new IllegalArgumentException("round robin needs a quantum of at least one time unit: " + quantum);
        }
        if (kind != Kind.ROUND_ROBIN && quantum != 0) {
            throw new IllegalArgumentException("only round robin has a quantum, not " + kind + ": " + quantum);
        }
        if (switchCost < 0) {
            throw new IllegalArgumentException("a context switch cannot cost less than nothing: " + switchCost);
        }
    }

    public static Policy serial() {
        return new Policy(Kind.SERIAL, 0, 0);
    }

    public static Policy multiprogramming() {
        return new Policy(Kind.MULTIPROGRAMMING, 0, 0);
    }

    public static Policy roundRobin(int quantum) {
        return new Policy(Kind.ROUND_ROBIN, quantum, 0);
    }

    /** The same policy, with every context switch costing {@code cost} time units. */
    public Policy withSwitchCost(int cost) {
        return new Policy(kind, quantum, cost);
    }

    /** Whether a job that starts I/O gives its CPU to another job meanwhile. */
    public boolean releasesCpuOnIo() {
        return kind != Kind.SERIAL;
    }

    /** Whether a job that has run {@code ran} units in a row has used up its quantum. */
    public boolean quantumUsedUp(int ran) {
        return kind == Kind.ROUND_ROBIN && ran >= quantum;
    }

    @Override
    public String toString() {
        String name = switch (kind) {
            case SERIAL -> "serial";
            case MULTIPROGRAMMING -> "multiprogramming";
            case ROUND_ROBIN -> "round robin, quantum " + quantum;
        };
        return name + ", switch cost " + switchCost;
    }
}
