package workbook.multiprogramming;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import workbook.testkit.Timeouts;

/** Runs the simulator for the checks and compares its timelines with charts worked out by hand. */
final class Runs {

    private Runs() {
    }

    /** Jobs written in the demo's notation, e.g. {@code jobs("A=2,4,2", "B=3,2,1")}. */
    static List<Job> jobs(String... notation) {
        return List.of(notation).stream().map(Job::parse).toList();
    }

    /** How long one simulation may take; a run of these checks' sizes takes well under a millisecond. */
    static final Duration PATIENCE = Timeouts.REPLY.dividedBy(2);

    private static ExecutorService worker = newWorker();
    private static volatile Thread workerThread;

    /**
     * Runs the simulator on a worker thread and waits at most {@link #PATIENCE}: a simulation that never
     * ends fails the check (saying where it was stuck) instead of hanging it; a crash becomes a failure
     * that says which run crashed.
     */
    static synchronized Timeline run(List<Job> jobs, Policy policy, int cpus) {
        Future<Timeline> run = worker.submit(() -> Simulator.run(jobs, policy, cpus));
        try {
            return run.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String at = studentFrames(workerThread);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread cannot be stopped; the next checks get a fresh one
            return fail("The simulator did not finish running %s under %s on %d CPU(s) within %d ms: a loop that"
                    + " never ends? Your code was at:%n%s%n(The stuck simulation goes on in the background until"
                    + " the checks end.)", jobs, policy, cpus, PATIENCE.toMillis(), at);
        } catch (ExecutionException e) {
            return fail("The simulator crashed running %s under %s on %d CPU(s): %s%n%s", jobs, policy, cpus,
                    e.getCause(), studentFrames(e.getCause().getStackTrace()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for the simulator");
        }
    }

    /** One thread that ends 50 ms after its last simulation, so no check leaves it behind. */
    private static ExecutorService newWorker() {
        return new ThreadPoolExecutor(0, 1, 50, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "simulation-under-test");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
    }

    private static String studentFrames(Thread thread) {
        return thread == null ? "    (unknown)" : studentFrames(thread.getStackTrace());
    }

    /** The frames of the lesson's own code, one per line. */
    private static String studentFrames(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(f -> f.getClassName().startsWith("workbook.multiprogramming.")
                && !f.getClassName().endsWith("Test") && !f.getClassName().contains(".Runs"))
                .map(f -> "    at " + f).collect(Collectors.joining("\n"));
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
