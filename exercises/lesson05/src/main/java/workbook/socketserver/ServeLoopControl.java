package workbook.socketserver;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life of one server's serve loop: it runs at most once, on one thread; anyone may ask it to stop;
 * others wait until it has returned. {@link BaseServer} keeps the loop itself (what it does with each
 * request); this class keeps the bookkeeping of when it runs, so that shutdown() and close() can be
 * called at any moment, from any thread, even before the loop started or from inside it.
 */
final class ServeLoopControl {

    /** How long shutdown() and close() wait for the serve loop to return once it was woken. */
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    /** A pause after a failed accept(), so that running out of file descriptors cannot spin the CPU. */
    private static final Duration ERROR_PAUSE = Duration.ofMillis(50);

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean stopRequested;

    /** The calling thread becomes the loop's; false if the loop ran, or was cancelled, already. */
    boolean enter() {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        thread = Thread.currentThread();
        return true;
    }

    /** The loop has returned (call it in a finally block): whoever waits goes on. */
    void exited() {
        ended.countDown();
    }

    /** Asks the loop to stop: it notices the next time it looks (between requests, or when woken). */
    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** The loop never ran and now never will (a close() before serveForever()): nobody waits for it. */
    void cancel() {
        if (started.compareAndSet(false, true)) {
            ended.countDown();
        }
    }

    /** True if the loop has started, or was cancelled, and the caller is not the loop's own thread. */
    boolean startedElsewhere() {
        return started.get() && Thread.currentThread() != thread;
    }

    /** Waits (about a second at most) for the loop to return, and says so loudly if it does not. */
    void awaitEnd() {
        try {
            if (!ended.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("[server] the serve loop has not returned " + PATIENCE.toSeconds()
                        + " s after it was asked to: is a verifyRequest() or processRequest() blocking?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A short breath after a failed wait for a request (such as running out of file descriptors). */
    static void pauseAfterError() {
        try {
            Thread.sleep(ERROR_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
