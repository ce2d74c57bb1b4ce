package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Locale;

/** Runs the simulator for the checks and compares its timelines with charts worked out by hand. */
final class Runs {

    private Runs() {
    }

    /** Jobs written in the demo's notation, e.g. {@code jobs("A=2,4,2", "B=3,2,1")}. */
    static List<Job> jobs(String... notation) {
        return List.of(notation).stream().map(Job::parse).toList();
    }

    /** Runs the simulator; a crash becomes a failure that says which run crashed. */
    static Timeline run(List<Job> jobs, Policy policy, int cpus) {
        try {
            return Simulator.run(jobs, policy, cpus);
        } catch (RuntimeException e) {
            return fail("The simulator crashed running %s under %s on %d CPU(s): %s", jobs, policy, cpus, e);
        }
    }

    /**
     * Fails unless the timeline's Gantt chart is exactly {@code expected}, showing both charts with
     * the first differing column marked.
     */
    static void assertChart(Timeline timeline, String expected, String what) {
        String actual = GanttChart.text(timeline);
        if (actual.equals(expected)) {
            return;
        }
        fail("Wrong timeline for %s.%nExpected (worked out by hand in the lesson text):%n%s%nYour simulator:%n%s%s%n(%s)",
                what, indent(expected), indent(actual), firstDifference(expected, actual), GanttChart.LEGEND);
    }

    /** Fails unless the run's useful time and capacity are the ones expected; the message shows the chart. */
    static void assertUseful(Timeline timeline, long useful, long capacity, String what) {
        Report report = Report.of(timeline);
        if (report.usefulTime() != useful || report.capacity() != capacity) {
            fail(String.format(Locale.ROOT, "Wrong CPU utilisation for %s: expected %d useful of %d CPU time units"
                    + " (%.1f%%), but the report says %d of %d (%.1f%%). The run:%n%s(%s)", what, useful, capacity,
                    100.0 * useful / capacity, report.usefulTime(), report.capacity(), 100 * report.utilisation(),
                    indent(GanttChart.text(timeline)), GanttChart.LEGEND));
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        // Line 0 is the time scale: it differs whenever the lengths do, so look at the rows first.
        for (int i = 1; i <= Math.max(e.length, a.length); i++) {
            int line = i % Math.max(e.length, a.length);
            String el = line < e.length ? e[line] : "";
            String al = line < a.length ? a[line] : "";
            if (!el.equals(al)) {
                int col = 0;
                while (col < Math.min(el.length(), al.length()) && el.charAt(col) == al.charAt(col)) {
                    col++;
                }
                int width = e[0].indexOf('0'); // where time unit 0 is drawn
                String where = line == 0 || col < width ? "line " + (line + 1)
                        : "row \"" + el.substring(0, Math.min(width, el.length())).strip() + "\", time unit "
                                + (col - width) + " (expected " + mark(el, col) + ", yours " + mark(al, col) + ")";
                return "First difference: " + where + ":\n    " + el + "   (expected)\n    " + al + "   (yours)\n    "
                        + " ".repeat(col) + "^\n";
            }
        }
        return "";
    }

    private static String mark(String line, int col) {
        return col < line.length() ? "'" + line.charAt(col) + "'" : "nothing";
    }

    static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce("", (x, y) -> x + y + "\n");
    }
}
