package workbook.socketserver;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * What to do with one request. The server makes a new handler for every request (a connection
 * for {@link TcpServer}, a datagram for {@link UdpServer}) and calls, on the request's own thread:
 * <pre>
 *   setup()      may be overridden: prepare (the default does nothing)
 *   handle()     must be written: the conversation with this client
 *   finish()     may be overridden: clean up; runs even if handle() threw
 * </pre>
 * Inside them, {@link #request()}, {@link #clientAddress()} and {@link #server()} say what is being
 * handled. A handler is never shared, so its fields may hold the state of its one conversation.
 *
 * <p>This is Python's {@code BaseRequestHandler}, with one difference that matters: there,
 * {@code handle()} has an empty default, so a handler that misspells it ({@code def handler(self)})
 * runs, does nothing, and hangs up on every client. Here {@code handle()} is abstract: the same
 * slip is a compile error, and {@code @Override} on a misspelt name is one too.
 *
 * @param <R> the kind of request: {@link java.net.Socket} or {@link Datagram}
 */
public abstract class RequestHandler<R> {

    private R request;
    private SocketAddress clientAddress;
    private BaseServer<R> server;

    /** Prepares for {@link #handle()}; the default does nothing. */
    protected void setup() throws IOException {
    }

    /** Serves the request. Any exception ends this request only: the server reports it and goes on. */
    protected abstract void handle() throws IOException;

    /** Cleans up after {@link #handle()}, even if it threw; the default does nothing. */
    protected void finish() throws IOException {
    }

    /** The request being handled: the client's connection, or its datagram. */
    protected final R request() {
        return request;
    }

    /** Who sent the request. */
    protected final SocketAddress clientAddress() {
        return clientAddress;
    }

    /** The server that accepted the request (to read its settings, or to shut it down). */
    protected final BaseServer<R> server() {
        return server;
    }

    /** Called by the server, once: setup, handle, finish. */
    // tag::lifecycle[]
    final void run(R req, SocketAddress client, BaseServer<R> srv) throws IOException {
        if (request != null) {
            throw new IllegalStateException("a handler serves one request; the server makes one per request");
        }
        request = req;
        clientAddress = client;
        server = srv;
        setup();
        try {
            handle();
        } finally {
            finish();
        }
    }
    // end::lifecycle[]
}
