package workbook.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The threads a test fixture starts (daemon, named after the fixture), stopped boundedly and loudly.
 *
 * <p>A fixture first closes its sockets (which ends its threads' blocking calls), then calls
 * {@link #awaitAll()}, which waits at most {@link Timeouts#SHUTDOWN} for all of them together and
 * throws, naming the stuck ones, if any is still alive.
 */
final class FixtureThreads {

    private final String owner;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** @param owner names the fixture in thread names and in the failure, such as "fragmenting-proxy" */
    FixtureThreads(String owner) {
        this.owner = owner;
    }

    /** Starts a daemon thread named {@code owner-role}. */
    void start(String role, Runnable body) {
        Thread t = new Thread(body, owner + "-" + role);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Interrupts every thread: for threads that sleep or wait rather than block on a socket. */
    void interruptAll() {
        threads.forEach(Thread::interrupt);
    }

    /** Waits for every thread to end, at most {@link Timeouts#SHUTDOWN} in all; throws if any is still running. */
    void awaitAll() {
        long deadline = System.nanoTime() + Timeouts.SHUTDOWN.toNanos();
        List<Thread> stuck = new ArrayList<>();
        for (Thread t : threads) {
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
            throw new IllegalStateException("Gave up waiting for the " + owner + "'s threads to stop: " + stuck);
        }
    }

    /** Closes quietly: used while cleaning up, when a failure to close changes nothing. */
    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing to clean up; nothing more to do
        }
    }
}
