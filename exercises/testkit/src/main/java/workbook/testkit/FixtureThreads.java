package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads and sockets of a test fixture, stopped together, boundedly and loudly.
 *
 * <p>A fixture registers every socket it opens ({@link #register}) and starts its threads here
 * ({@link #start}). {@link #close()} first enters the closing state, under the same lock that
 * {@code register} and {@code start} take, so that nothing can slip in after it walked its lists:
 * from then on a socket handed to {@code register} is closed at once and {@code start} starts
 * nothing. Then it closes every socket (which ends the threads' blocking calls), interrupts the
 * threads (for the ones that sleep or wait), and waits at most {@link Timeouts#SHUTDOWN} for all of
 * them together. A thread that is still alive fails the check, naming the fixture and where its
 * thread is stuck: the testkit's own fault, never the student's.
 *
 * <p>Public so that a lesson's own fixtures (such as lesson 07's wire tap) stop the same way.
 */
public final class FixtureThreads {

    private final String owner;
    private final List<Thread> threads = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closing;

    /** @param owner names the fixture in thread names and in the failure, such as "fragmenting-proxy" */
    public FixtureThreads(String owner) {
        this.owner = owner;
    }

    /**
     * Starts a daemon thread named {@code owner-role}; once the fixture is closing, starts nothing
     * and returns false (a connection that raced with close() is then simply not served).
     */
    public synchronized boolean start(String role, Runnable body) {
        if (closing) {
            return false;
        }
        Thread t = new Thread(body, owner + "-" + role);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return true;
    }

    /**
     * Adds a socket (or anything closeable) for {@link #close()} to close; once the fixture is closing,
     * closes it at once and returns false.
     */
    public boolean register(AutoCloseable resource) {
        synchronized (this) {
            if (!closing) {
                resources.add(resource);
                return true;
            }
        }
        closeQuietly(resource);
        return false;
    }

    /** True once {@link #close()} has begun. */
    synchronized boolean closing() {
        return closing;
    }

    /**
     * Enters the closing state, closes every registered resource, interrupts every thread, and waits
     * for them all to end, at most {@link Timeouts#SHUTDOWN} in all; fails, naming the fixture, if any
     * is still alive. Calling it again does nothing more than waiting again.
     */
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            closing = true;
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        toClose.forEach(FixtureThreads::closeQuietly);
        awaitAll(true);
    }

    /** Waits for every thread to end, without closing anything first; fails, naming the fixture, if one is stuck. */
    void awaitAll() {
        awaitAll(false);
    }

    private void awaitAll(boolean interrupt) {
        List<Thread> all;
        synchronized (this) {
            all = new ArrayList<>(threads);
        }
        if (interrupt) {
            all.forEach(Thread::interrupt);
        }
        long deadline = System.nanoTime() + Timeouts.SHUTDOWN.toNanos();
        List<Thread> stuck = new ArrayList<>();
        for (Thread t : all) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                stuck.add(t);
            }
        }
        if (!stuck.isEmpty()) {
            StringBuilder where = new StringBuilder();
            for (Thread t : stuck) {
                where.append("\n- thread '").append(t.getName()).append("', at:\n").append(Stacks.show(t.getStackTrace()));
            }
            fail("The testkit's " + owner + " (a fixture of this check, not your code) could not stop: "
                    + stuck.size() + " of its threads still ran " + Timeouts.SHUTDOWN.toSeconds() + " s after it was"
                    + " closed." + where + "\nPlease report this: it is a bug in the workbook's check machinery.");
        }
    }

    /** Closes quietly: used while cleaning up, when a failure to close changes nothing. */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing to clean up; nothing more to do
        }
    }
}
