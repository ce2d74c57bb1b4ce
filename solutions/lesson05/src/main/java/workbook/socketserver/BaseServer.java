package workbook.socketserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every server shares: the serve loop, shutdown and close, and the hooks around one request.
 *
 * <p>The shape is Python's {@code socketserver}. A server solves the connection problem (wait for
 * the next request); a fresh {@link RequestHandler} solves the communication problem (talk with
 * that one client), on a thread the {@link ThreadingStrategy} provides:
 * <pre>
 *                  BaseServer&lt;R&gt;  ◇── ThreadingStrategy (virtual, platform, pool)
 *                    /        \
 *     TcpServer (R = Socket)   UdpServer (R = Datagram)      ──makes──▶ RequestHandler&lt;R&gt;
 *                                                                       setup / handle / finish
 * </pre>
 * Methods for the caller: {@link #serveForever}, {@link #shutdown}, {@link #close} (so
 * try-with-resources works), {@link #address}, {@link #port}, {@link #handlerThreads}.
 * <br>Methods that may be overridden: {@link #verifyRequest}, {@link #processRequest},
 * {@link #finishRequest}, {@link #handleError}.
 * <br>Methods each transport writes: {@link #getRequest}, {@link #clientAddress},
 * {@link #closeRequest}, {@link #serverClose}.
 * <br>Three helpers keep it short: {@link ServeLoopControl} knows whether the serve loop runs
 * and lets others stop it and wait for it; {@link RequestThreads} tracks the requests in progress
 * and ends them on close; {@link ErrorLog} writes the reports.
 *
 * @param <R> what one request is: a connection ({@link java.net.Socket}) or a {@link Datagram}
 */
public abstract class BaseServer<R> implements AutoCloseable {

    private final Supplier<? extends RequestHandler<R>> handlers;
    private final ServerOptions options;
    private final RequestThreads<R> inFlight;
    private final ServeLoopControl loop = new ServeLoopControl();
    private volatile boolean closed;

    /**
     * @param handlers makes one new handler per request, such as {@code EchoHandler::new}
     */
    protected BaseServer(Supplier<? extends RequestHandler<R>> handlers, ServerOptions options) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.options = Objects.requireNonNull(options, "options");
        this.inFlight = new RequestThreads<>(options.threading().newExecutor(), this::closeQuietly);
    }

    /**
     * Handles requests until {@link #shutdown} or {@link #close}: waits for a request, verifies it,
     * hands it to a thread, and waits for the next one at once. Runs once per server.
     */
    public void serveForever() {
        if (!loop.enter()) {
            throw new IllegalStateException("serveForever() runs once per server, and this one is "
                    + (closed ? "closed" : "serving already"));
        }
        try {
            // tag::serve-loop[]
            while (!loop.stopRequested()) {
                R request;
                try {
                    request = getRequest(); // waits for a client
                } catch (IOException e) {
                    if (loop.stopRequested()) {
                        break; // shutdown() closed the socket
                    }
                    handleError(null, e); // e.g. out of file descriptors:
                    ServeLoopControl.pauseAfterError(); // report, breathe, go on
                    continue;
                }
                handleRequest(request);
            }
            // end::serve-loop[]
        } finally {
            loop.exited();
        }
    }

    /** Verifies one request and hands it on; whatever goes wrong ends this request only. */
    private void handleRequest(R request) {
        inFlight.start(request);
        if (closed) { // close() ran while we accepted: it may have missed this one
            shutdownRequest(request);
            return;
        }
        // tag::handle-request[]
        // Nothing thrown here may end the loop: a pool that is
        // full refuses the request, and that request alone ends.
        try {
            if (verifyRequest(request)) {
                processRequest(request);
            } else {
                shutdownRequest(request);
            }
        } catch (RuntimeException e) {
            report(request, e);
            shutdownRequest(request);
        }
        // end::handle-request[]
    }

    /** Whether to serve this request at all (a hook for allow-lists, or logging); the default says yes. */
    protected boolean verifyRequest(R request) {
        return true;
    }

    /**
     * Hands the request to a thread of the {@link ThreadingStrategy}, and returns at once, so the
     * serve loop can wait for the next client while this one is served.
     */
    // tag::process-request[]
    protected void processRequest(R request) {
        // The loop's only job is to accept: a slow or idle
        // client must not keep the next one waiting.
        inFlight.executor().execute(() -> runRequest(request));
    }
    // end::process-request[]

    /** Runs one request on the current thread: finish it, report any failure, always close it. */
    // tag::run-request[]
    protected final void runRequest(R request) {
        Thread me = Thread.currentThread();
        inFlight.running(me);
        try {
            finishRequest(request);
        } catch (Exception e) {
            // Any exception, not only I/O: a bug in one handler
            // ends that request, is reported, and that is all.
            report(request, e);
        } finally {
            shutdownRequest(request);
            inFlight.finished(me);
        }
    }
    // end::run-request[]

    /** Makes a new handler for the request and runs its setup, handle and finish. */
    protected void finishRequest(R request) throws IOException {
        RequestHandler<R> handler = Objects.requireNonNull(handlers.get(), "the handler factory returned null");
        handler.run(request, clientAddress(request), this);
    }

    /** Ends one request, once: forgets it and closes it (a connection is closed; a datagram needs nothing). */
    protected final void shutdownRequest(R request) {
        inFlight.end(request);
    }

    private void closeQuietly(R request) {
        try {
            closeRequest(request);
        } catch (IOException e) {
            // it is being closed: nothing more to do
        }
    }

    /**
     * Reports an error and lets the server go on. The default writes one line to standard error for
     * an I/O error (a client that resets) or a refused request, and a delimited stack trace, as
     * Python does, for anything else: that is a bug in a handler.
     *
     * @param request the request being handled, or null if the error came while waiting for one
     */
    protected void handleError(R request, Throwable error) {
        ErrorLog.report(System.err, request == null ? null : clientAddress(request), error, options.threading());
    }

    private void report(R request, Throwable error) {
        if (!closed) { // close() cuts connections on purpose: not an error
            handleError(request, error);
        }
    }

    /**
     * Stops the serve loop and waits until it has returned; requests already being handled go on
     * until their clients leave or {@link #close} ends them.
     *
     * <p>It closes the server's socket, because that is what wakes a loop blocked waiting for a
     * client; it returns at once if the loop is not running, and does not wait when called from
     * the loop's own thread. (Python's {@code shutdown()} polls instead, and deadlocks in both of
     * those cases.) A server that was shut down does not serve again: make a new one.
     */
    public void shutdown() {
        loop.requestStop();
        // tag::shutdown[]
        closeSocket(); // wakes a blocked accept() or receive()
        // Never wait for a loop that never ran, nor from inside it:
        if (loop.startedElsewhere()) {
            loop.awaitEnd(); // it returns as soon as it notices
        }
        // end::shutdown[]
    }

    /**
     * Stops serving and releases everything: the socket, every open connection, every handler
     * thread. A handler blocked on an idle client wakes up because its connection is closed under
     * it; close() waits (about two seconds at most) for the handler threads, interrupts those that
     * do not end, and reports loudly any that still will not. Safe to call more than once.
     */
    // tag::close[]
    @Override
    public void close() {
        closed = true;
        loop.requestStop();
        closeSocket(); // no new requests
        loop.cancel(); // if it never ran, it now never will
        inFlight.endAll(); // closes idle connections, waits, interrupts
        if (loop.startedElsewhere()) {
            loop.awaitEnd();
        }
    }
    // end::close[]

    /** The threads running a handler right now (virtual ones too, which {@code Thread.getAllStackTraces()} leaves out). */
    public final Set<Thread> handlerThreads() {
        return inFlight.threads();
    }

    /** The server's options. */
    public final ServerOptions options() {
        return options;
    }

    /** The address the server's socket is bound to: the real port, even if it asked for port 0. */
    public abstract InetSocketAddress address();

    /** The port the server's socket is bound to. */
    public int port() {
        return address().getPort();
    }

    /** Waits for the next request; throws once the socket is closed. */
    protected abstract R getRequest() throws IOException;

    /** Who sent the request. */
    protected abstract SocketAddress clientAddress(R request);

    /** Releases one finished request (closes a connection); the default does nothing. */
    protected void closeRequest(R request) throws IOException {
    }

    /** Closes the server's socket; a blocked {@link #getRequest} then throws. */
    protected abstract void serverClose() throws IOException;

    private void closeSocket() {
        try {
            serverClose();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
