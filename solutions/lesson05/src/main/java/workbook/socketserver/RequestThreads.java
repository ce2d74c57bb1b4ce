package workbook.socketserver;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The requests a server is handling right now, and the threads handling them: what
 * {@link BaseServer#close()} must end, and how it ends them, boundedly.
 *
 * <pre>
 *   start(request)  ─▶ open ─▶ end(request): closes it, once, whoever calls first
 *   running(thread) ─▶ threads ─▶ finished(thread)
 *   endAll(): end every open request, then wait for the threads; interrupt those that stay
 * </pre>
 *
 * @param <R> what one request is: a connection or a datagram
 */
final class RequestThreads<R> {

    /** How long endAll() waits for handler threads, once before and once after interrupting them. */
    private static final Duration PATIENCE = Duration.ofMillis(800);

    private final ExecutorService executor;
    private final Consumer<R> closer;
    private final Set<R> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** @param closer releases one request (closes a connection); called once per request */
    RequestThreads(ExecutorService executor, Consumer<R> closer) {
        this.executor = executor;
        this.closer = closer;
    }

    /** The executor the threading strategy made: where a request gets its thread. */
    ExecutorService executor() {
        return executor;
    }

    /** Remembers a request that has arrived, so that endAll() can end it. */
    void start(R request) {
        open.add(request);
    }

    /** Forgets a request and releases it, once: a second call (from close(), say) does nothing. */
    void end(R request) {
        if (open.remove(request)) {
            closer.accept(request);
        }
    }

    void running(Thread thread) {
        threads.add(thread);
    }

    void finished(Thread thread) {
        threads.remove(thread);
    }

    /** The threads running a handler right now. */
    Set<Thread> threads() {
        return Set.copyOf(threads);
    }

    /**
     * Ends every open request (a handler blocked in read() wakes up when its connection closes),
     * waits for the handler threads, interrupts those that do not end, and says so loudly if some
     * still will not.
     */
    void endAll() {
        for (R request : open) {
            end(request);
        }
        executor.shutdown();
        if (!awaitThreads()) {
            executor.shutdownNow(); // interrupts them
            if (!awaitThreads()) {
                System.err.println("[server] close() gave up waiting for handler threads " + threads
                        + ": a handler ignores both its closed connection and interrupts");
            }
        }
    }

    private boolean awaitThreads() {
        try {
            return executor.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
