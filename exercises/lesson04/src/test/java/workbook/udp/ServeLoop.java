package workbook.udp;

import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import workbook.testkit.Timeouts;

/** A server's serve loop, run in a thread of the check, to see how it ends: by returning, or by throwing. */
final class ServeLoop {

    /** A serve loop, such as {@code server::serveForever}. */
    @FunctionalInterface
    interface Loop {
        void serve() throws Exception;
    }

    private final String name;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();

    private ServeLoop(String name, Loop loop) {
        this.name = name;
        this.thread = new Thread(() -> {
            try {
                loop.serve();
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                ended.countDown();
            }
        }, "serve-loop-" + name);
        thread.setDaemon(true);
    }

    static ServeLoop start(String name, Loop loop) {
        ServeLoop running = new ServeLoop(name, loop);
        running.thread.start();
        return running;
    }

    private String where() {
        return String.join("\n", Arrays.stream(thread.getStackTrace()).limit(8).map(e -> "  at " + e).toList());
    }

    /** Waits up to {@link Timeouts#SHUTDOWN} for the loop to end; fails unless it returned without an exception. */
    void expectReturnedNormally(String after) throws InterruptedException {
        if (!ended.await(Timeouts.SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("Your " + name + "'s serve loop was still running " + Timeouts.SHUTDOWN.toSeconds() + " s " + after
                    + ", at:\n" + where());
        }
        if (thrown.get() != null) {
            fail("Your " + name + "'s serve loop ended " + after + " by throwing " + thrown.get()
                    + ": closing the server is a normal end, and serveForever() should simply return.");
        }
    }
}
