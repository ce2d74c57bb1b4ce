package workbook.multiprogramming;

/**
 * Draws a timeline as a text Gantt chart: one row per CPU, one row per job that does I/O, one
 * column per time unit, and a scale that marks every fifth instant.
 *
 * <p>Two jobs, A=2,4,2 and B=3,2,1, on one CPU under multiprogramming:
 * <pre>
 * time   0    5
 * CPU 0  AABBB.AAB
 * I/O A    ====
 * I/O B       ==
 * </pre>
 * A CPU row shows a job's name while the CPU runs it, {@code ~} while it switches to a job,
 * {@code _} while it is held by a job that waits for its I/O, and {@code .} while it is idle.
 * An I/O row shows {@code =} while the job does I/O.
 */
public final class GanttChart {

    /** What the marks mean, for the demo's output. */
    public static final String LEGEND =
            "A = CPU runs job A, ~ = context switch, _ = CPU held by a job waiting for its I/O, . = idle, = = I/O";

    private GanttChart() {
    }

    /** The chart, one line per row, each line ending in a new line. */
    public static String text(Timeline timeline) {
        int width = Math.max("time".length(), ("CPU " + (timeline.cpus() - 1)).length()) + 2;
        StringBuilder chart = new StringBuilder(label("time", width)).append(scale(timeline.elapsed())).append('\n');
        for (int cpu = 0; cpu < timeline.cpus(); cpu++) {
            StringBuilder row = new StringBuilder(label("CPU " + cpu, width));
            for (int t = 0; t < timeline.elapsed(); t++) {
                row.append(timeline.slot(cpu, t).mark());
            }
            chart.append(row).append('\n');
        }
        for (Job job : timeline.jobs()) {
            if (job.ioTime() == 0) {
                continue;
            }
            StringBuilder row = new StringBuilder(label("I/O " + job.name(), width));
            for (int t = 0; t < timeline.elapsed(); t++) {
                row.append(timeline.inIo(job.name(), t) ? '=' : ' ');
            }
            chart.append(row.toString().stripTrailing()).append('\n');
        }
        return chart.toString();
    }

    /**
     * Numbers at the instants 0, 5, 10, ..., each written where its time unit begins, with at least
     * one space before it: from 10000 on, a number that would touch the one before is left out.
     */
    private static String scale(int elapsed) {
        StringBuilder scale = new StringBuilder();
        for (int t = 0; t <= elapsed; t += 5) {
            if (t == 0 || scale.length() < t) {
                scale.append(" ".repeat(t - scale.length())).append(t);
            }
        }
        return scale.toString();
    }

    private static String label(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
