package workbook.multiprogramming;

import java.util.Objects;

/**
 * What one CPU did during one time unit, and for which job.
 *
 * <pre>
 *   Activity   job   Gantt mark   meaning
 *   RUN        A     A            the CPU runs job A: useful work
 *   SWITCH     A     ~            the CPU saves the last job's state and loads A's: overhead
 *   HELD       A     _            the CPU belongs to A, but A waits for its I/O: the CPU idles
 *   IDLE       ""    .            no job to run
 * </pre>
 */
public record Slot(Activity activity, String job) {

    /** What a CPU can do with a time unit. */
    public enum Activity { RUN, SWITCH, HELD, IDLE }

    /** A CPU with nothing to do. */
    public static final Slot IDLE = new Slot(Activity.IDLE, "");

    /** Checks the arguments: every activity but IDLE belongs to a job. */
    public Slot {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(job, "job");
        if (job.isEmpty() != (activity == Activity.IDLE)) {
            throw new IllegalArgumentException(activity + " must " + (job.isEmpty() ? "" : "not ")
                    + "name a job: \"" + job + "\"");
        }
    }

    public static Slot run(String job) {
        return new Slot(Activity.RUN, job);
    }

    public static Slot switchTo(String job) {
        return new Slot(Activity.SWITCH, job);
    }

    public static Slot held(String job) {
        return new Slot(Activity.HELD, job);
    }

    /** The mark of this slot in a text Gantt chart. */
    public char mark() {
        return switch (activity) {
            case RUN -> job.charAt(0);
            case SWITCH -> '~';
            case HELD -> '_';
            case IDLE -> '.';
        };
    }
}
