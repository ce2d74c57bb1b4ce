package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Stack traces cut down to what a student needs: the frames of the lesson's code and the one call it is stuck in.
 * Checks use it for their own failure messages, so that every lesson shows a stuck thread the same way.
 */
public final class Stacks {

    private Stacks() {
    }

    /** True for frames of the lessons' own code ({@code workbook.*}, but not this testkit or the checks). */
    public static boolean isStudentFrame(StackTraceElement frame) {
        String c = frame.getClassName();
        String simple = c.substring(c.lastIndexOf('.') + 1);
        boolean isCheck = simple.endsWith("Test") || simple.contains("Test$");
        return c.startsWith("workbook.") && !c.startsWith("workbook.testkit.") && !isCheck;
    }

    /** CPU time the thread has used so far, in nanoseconds, or -1 where the JVM cannot tell. */
    public static long cpuNanos(Thread thread) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.threadId()) : -1;
    }

    /**
     * Whether a stuck thread was busy (burning CPU in a loop) or waiting (blocked in a call) since
     * {@code cpuBefore} was measured, {@code window} ago: the two have very different causes.
     */
    public static String busyOrWaiting(Thread thread, long cpuBefore, Duration window) {
        long cpuAfter = cpuNanos(thread);
        if (cpuBefore < 0 || cpuAfter < 0) {
            return "";
        }
        long percent = 100 * (cpuAfter - cpuBefore) / Math.max(1, window.toNanos());
        return percent >= 20
                ? "It was busy, not waiting: it used " + percent + "% of a CPU meanwhile. That is a loop that never"
                        + " ends, such as one that goes on after read() returned -1 (read() keeps returning -1, even"
                        + " after the socket is closed)."
                : "It was waiting (it used " + percent + "% of a CPU), blocked in the call shown above.";
    }

    /** The innermost frame plus the lesson's own frames, one per line, indented. */
    public static String show(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "    (no stack: the thread has ended)";
        }
        String innermost = "    at " + stack[0];
        String own = Arrays.stream(stack).skip(1).filter(Stacks::isStudentFrame)
                .map(f -> "    at " + f).collect(Collectors.joining("\n"));
        return own.isEmpty() ? innermost : innermost + "\n    ...\n" + own;
    }
}
