package workbook.socketserver;

import java.util.Objects;

/**
 * A server's knobs, in one visible place (Python keeps them as class variables of its servers).
 *
 * <pre>{@code
 * ServerOptions.defaults()                       // virtual threads, reuse address, queue of 50
 * ServerOptions.defaults().withThreading(ThreadingStrategy.boundedPool(8))
 * ServerOptions.defaults().withAllowReuseAddress(false)
 * }</pre>
 *
 * @param threading          how each request gets a thread
 * @param allowReuseAddress  SO_REUSEADDR on the listening socket: a restarted server may bind its
 *                           port at once, even while connections of the old one linger in TIME_WAIT
 *                           (TCP only: on a UDP port it would let a second socket bind it too)
 * @param requestQueueSize   the listen backlog: how many connections the operating system may hold
 *                           ready before the server accepts them (TCP only)
 */
public record ServerOptions(ThreadingStrategy threading, boolean allowReuseAddress, int requestQueueSize) {

    /** The backlog {@link java.net.ServerSocket} uses when it is not told one; Python's is 5. */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 50;

    public ServerOptions {
        Objects.requireNonNull(threading, "threading");
        if (requestQueueSize <= 0) {
            throw new IllegalArgumentException("requestQueueSize must be positive: " + requestQueueSize);
        }
    }

    /** Virtual threads, SO_REUSEADDR on, a backlog of {@value #DEFAULT_REQUEST_QUEUE_SIZE}. */
    public static ServerOptions defaults() {
        return new ServerOptions(ThreadingStrategy.virtualThreads(), true, DEFAULT_REQUEST_QUEUE_SIZE);
    }

    public ServerOptions withThreading(ThreadingStrategy newThreading) {
        return new ServerOptions(newThreading, allowReuseAddress, requestQueueSize);
    }

    public ServerOptions withAllowReuseAddress(boolean allow) {
        return new ServerOptions(threading, allow, requestQueueSize);
    }

    public ServerOptions withRequestQueueSize(int size) {
        return new ServerOptions(threading, allowReuseAddress, size);
    }
}
