package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A call of the student's code that must return in time, such as {@code shutdown()}: run apart, so a hang is reported, not suffered. */
public final class Calls {

    /** A call that may throw anything, such as {@code server::shutdown}. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    private Calls() {
    }

    /**
     * Runs {@code call} on a thread of its own and fails, showing where it waits, unless it returns within
     * {@code patience}; fails too if it throws. A call that does not return is left to end once the check closes
     * what it waits on.
     *
     * @param what a few words for the message, such as "shutdown() with 3 idle clients connected"
     * @return how long the call took
     */
    public static Duration expectReturnsWithin(Duration patience, String what, Call call) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        long start = System.nanoTime();
        Thread thread = Thread.ofPlatform().name("check-calls-" + what).daemon(true).start(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        long cpuBefore = Stacks.cpuNanos(thread);
        boolean returned = join(thread, patience);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!returned) {
            Diagnostics.snapshot();
            fail(what + " did not return within " + String.format(java.util.Locale.ROOT, "%.1f", patience.toMillis()
                    / 1000.0) + " s. It is waiting at:\n" + Stacks.show(thread.getStackTrace()) + "\n"
                    + Stacks.busyOrWaiting(thread, cpuBefore, patience));
        }
        if (thrown.get() != null) {
            Diagnostics.snapshot();
            fail(what + " threw " + thrown.get() + " at:\n" + Stacks.show(thrown.get().getStackTrace()));
        }
        return took;
    }

    private static boolean join(Thread thread, Duration patience) {
        try {
            return thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
