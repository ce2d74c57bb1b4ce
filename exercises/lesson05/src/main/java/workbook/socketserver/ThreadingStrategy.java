package workbook.socketserver;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How a server gives its requests threads: Python's {@code ThreadingMixIn} as an object you pass
 * in, instead of a class you inherit from.
 *
 * <pre>
 *   virtualThreads()   a new virtual thread per request (the default). Costs a few hundred bytes
 *                      of heap while it waits for a client, so 10,000 idle clients are cheap.
 *   platformThreads()  a new operating-system thread per request, like ThreadingTCPServer.
 *                      Each one reserves a stack (1 MiB of address space by default).
 *   boundedPool(n)     n platform threads, reused; at most n more requests wait in a queue,
 *                      and the server refuses any beyond that (see BaseServer#handleError).
 * </pre>
 * A strategy is only a recipe: each server makes its own executor from it when it starts serving.
 */
public final class ThreadingStrategy {

    private final String name;
    private final Supplier<ExecutorService> executors;

    private ThreadingStrategy(String name, Supplier<ExecutorService> executors) {
        this.name = name;
        this.executors = executors;
    }

    /** One new virtual thread per request: the default. */
    // tag::strategies[]
    public static ThreadingStrategy virtualThreads() {
        return new ThreadingStrategy("virtual threads", () -> Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("handler-", 1).factory()));
    }

    /** One new platform (operating-system) thread per request. */
    public static ThreadingStrategy platformThreads() {
        return new ThreadingStrategy("platform threads", () -> Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("handler-", 1).daemon(true).factory()));
    }

    /** {@code threads} platform threads, reused; as many requests again may wait for one. */
    public static ThreadingStrategy boundedPool(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        String name = "a pool of " + threads + (threads == 1 ? " thread" : " threads");
        return new ThreadingStrategy(name, () -> new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads),
                Thread.ofPlatform().name("pool-handler-", 1).daemon(true).factory()));
    }
    // end::strategies[]

    /**
     * The strategy named on a command line: {@code virtual}, {@code platform} or {@code pool:N}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ThreadingStrategy named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.equals("virtual")) {
            return virtualThreads();
        }
        if (name.equals("platform")) {
            return platformThreads();
        }
        if (name.startsWith("pool:")) {
            try {
                return boundedPool(Integer.parseInt(name.substring("pool:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pool size is not a number: " + name, e);
            }
        }
        throw new IllegalArgumentException("unknown threading strategy (virtual, platform or pool:N): " + name);
    }

    /** A fresh executor for one server; the server shuts it down when it is closed. */
    ExecutorService newExecutor() {
        return executors.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
