package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A student's server running in a thread of the check, stopped (boundedly, loudly) on close.
 *
 * <pre>{@code
 * try (var server = RunningServer.start("UpperServer", UpperServer.bind(Loopback.anyPort()),
 *         UpperServer::port, UpperServer::serveForever)) {
 *     try (Socket client = Loopback.connect(server.port())) { ... }
 * }
 * }</pre>
 * The server object must already be bound (so it listens before the thread starts); the
 * fixture only runs its serve loop. If the check fails, the failure report says whether the
 * serve loop is still running, returned, or threw (and where).
 */
public final class RunningServer<S extends AutoCloseable> implements AutoCloseable {

    /** The blocking serve loop of a server, such as {@code UpperServer::serveForever}. */
    @FunctionalInterface
    public interface ServeLoop<S> {
        void serve(S server) throws Exception;
    }

    private final String name;
    private final S server;
    private final int port;
    private final Thread thread;
    private final Instant started = Instant.now();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Throwable thrown;
    private volatile Instant endedAt;

    private RunningServer(String name, S server, int port, ServeLoop<S> loop) {
        this.name = name;
        this.server = server;
        this.port = port;
        this.thread = new Thread(() -> {
            try {
                loop.serve(server);
            } catch (Throwable t) {
                thrown = t;
            } finally {
                endedAt = Instant.now();
                ended.countDown();
            }
        }, "server-under-test-" + name);
        thread.setDaemon(true);
        Diagnostics.note(() -> "Your " + name + ": " + state());
    }

    /**
     * Runs {@code loop} on an already bound {@code server} in a new thread.
     *
     * @param port how to ask the server which port it is bound to (so the check can connect)
     */
    public static <S extends AutoCloseable> RunningServer<S> start(String name, S server, ToIntFunction<S> port,
            ServeLoop<S> loop) {
        RunningServer<S> running = new RunningServer<>(name, server, port.applyAsInt(server), loop);
        HangUps.owner(running.port, "your " + name + " (port " + running.port + ")");
        running.thread.start();
        return running;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The student's server object. */
    public S server() {
        return server;
    }

    /** True while the serve loop has neither returned nor thrown. */
    public boolean isServing() {
        return ended.getCount() > 0;
    }

    /** Fails with the reason if the serve loop has ended (returned or thrown) although it should still serve. */
    public void assertStillServing(String after) {
        ended(Patience.scaled(50)); // give a dying loop a moment to finish dying
        if (!isServing()) {
            Diagnostics.snapshot();
            fail("After " + after + ", your " + name + " stopped serving.");
        }
    }

    /** Fails with the exception and where it was thrown if the serve loop has ended by throwing. */
    public void assertNotCrashed(String after) {
        ended(Patience.scaled(50)); // give a dying loop a moment to finish dying
        if (!isServing() && thrown != null) {
            Diagnostics.snapshot();
            fail("After " + after + ", your " + name + " crashed.");
        }
    }

    /**
     * Waits up to {@code patience} for the serve loop to end (return or throw); fails, saying where the loop is, if
     * it does not.
     *
     * @param after what should have ended it, such as "shutdown() returned"
     */
    public void expectEnd(Duration patience, String after) {
        long cpuBefore = Stacks.cpuNanos(thread);
        if (!ended(patience)) {
            Diagnostics.snapshot();
            fail("After " + after + ", your " + name + "'s serve loop was still running " + patience.toMillis()
                    + " ms later, at:\n" + Stacks.show(thread.getStackTrace()) + "\n"
                    + Stacks.busyOrWaiting(thread, cpuBefore, patience));
        }
    }

    /** Waits up to {@code patience} for the serve loop to end; true if it did. */
    private boolean ended(Duration patience) {
        try {
            return ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Closes the server while {@code client} is in a conversation with it, and fails unless the serve loop then
     * returns without throwing and the client sees its connection end (end of stream or a reset): close() must end
     * the conversation in progress too, not only stop listening.
     */
    public void expectCloseEndsConversation(Socket client) throws IOException {
        close(); // fails the check if the serve loop is still running a moment later
        assertNotCrashed("close() was called while a client was connected");
        Received after = Received.read(client, 1, Timeouts.REPLY);
        if (after.ending() != Received.Ending.END_OF_STREAM && after.ending() != Received.Ending.BROKEN) {
            Diagnostics.snapshot();
            fail("After your " + name + " was closed, the client still connected to it saw: " + after.story()
                    + " close() must end the conversation in progress too, not only stop listening.");
        }
    }

    /** One sentence: running, returned normally, or threw (with the student's frame where it was thrown). */
    public String state() {
        if (isServing()) {
            return "its serve loop is still running (in " + where(thread.getStackTrace()) + ").";
        }
        long ms = Duration.between(started, endedAt).toMillis();
        Throwable t = thrown;
        if (t == null) {
            return "its serve loop returned normally, " + ms + " ms after it started.";
        }
        return "its serve loop ended " + ms + " ms after it started by throwing " + t + " at " + where(t.getStackTrace()) + ".";
    }

    /**
     * Closes the server, then waits up to {@link Timeouts#SHUTDOWN} for the serve loop to end;
     * fails loudly, showing where the loop is stuck, if it does not.
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            fail("Your " + name + "'s close() threw " + e + " at:\n" + Stacks.show(e.getStackTrace()));
        }
        long cpuBefore = Stacks.cpuNanos(thread);
        if (!ended(Timeouts.SHUTDOWN)) {
            Diagnostics.snapshot();
            fail("Your " + name + " was closed but its serve loop was still running " + Timeouts.SHUTDOWN.toSeconds()
                    + " s later, at:\n" + Stacks.show(thread.getStackTrace()) + "\n"
                    + Stacks.busyOrWaiting(thread, cpuBefore, Timeouts.SHUTDOWN)
                    + "\nclose() must make the serve loop return: close the listening socket and any open connection.");
        }
    }

    private static String where(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(Stacks::isStudentFrame).findFirst()
                .or(() -> Arrays.stream(stack).findFirst())
                .map(StackTraceElement::toString).orElse("an unknown place");
    }
}
