package workbook.socketserver;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketAddress;
import java.util.concurrent.RejectedExecutionException;

/**
 * How a server reports what went wrong, on standard error: one line for what the world does to a
 * server (a client that resets, a full pool, a failed accept), a delimited stack trace for a bug.
 *
 * <pre>
 *   [server] lost /127.0.0.1:40512: Connection reset              an I/O error: one line
 *   [server] refused /127.0.0.1:40514: no thread is free in ...   a full pool: one line
 *   ----------------------------------------                      anything else is a bug
 *   Exception while handling a request from /127.0.0.1:40516:      in a handler: the whole
 *   java.lang.IllegalStateException: boom                          trace, as Python prints it
 *   ----------------------------------------
 * </pre>
 */
final class ErrorLog {

    private ErrorLog() {
    }

    /**
     * Writes one report for {@code error}.
     *
     * @param client    who sent the request, or null if the error came while waiting for one
     * @param threading how the server gives requests threads (named when a full pool refuses one)
     */
    // tag::report[]
    static void report(PrintStream err, SocketAddress client, Throwable error, ThreadingStrategy threading) {
        if (client == null) {
            err.println("[server] waiting for a request failed: " + describe(error) + "; trying again");
        } else if (error instanceof IOException) { // a reset, a broken pipe: the client's doing
            err.println("[server] lost " + client + ": " + describe(error));
        } else if (error instanceof RejectedExecutionException) {
            err.println("[server] refused " + client + ": no thread is free in " + threading
                    + ", and its queue is full");
        } else { // a bug in a handler: show where
            err.print(trace("Exception while handling a request from " + client, error));
        }
    }
    // end::report[]

    /** The exception's message, or its kind if it has none: a report never says "null". */
    static String describe(Throwable error) {
        String message = error.getMessage();
        String kind = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : message + " (" + kind + ")";
    }

    private static String trace(String when, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String line = "-".repeat(40) + System.lineSeparator();
        return line + when + ":" + System.lineSeparator() + trace + line;
    }
}
