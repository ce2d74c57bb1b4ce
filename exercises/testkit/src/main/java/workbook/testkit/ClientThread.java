package workbook.testkit;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A student's client running in a thread of the check, its output captured: what {@link ClientRun} (a scripted
 * keyboard) and {@link LiveClient} (a keyboard the check types into) share.
 *
 * <p>If the client is stuck, {@link #unblock()} notes how much it had printed, then runs the check's unblock action
 * (such as closing its connection); what it prints after that (such as "Socket closed") is shown apart, as the
 * check's doing.
 */
final class ClientThread {

    private final Captured out = new Captured();
    private final Captured err = new Captured();
    private final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private final Runnable unblock;
    private final Thread thread;
    /** How much was printed when the check unblocked the client; -1 while it has not. */
    private volatile int outAtUnblock = -1;
    private volatile int errAtUnblock = -1;

    private ClientThread(String name, ClientRun.ClientMain client, InputStream keyboard, Runnable unblock) {
        this.unblock = unblock;
        this.thread = new Thread(() -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                exit.set(client.run(keyboard, o, e));
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                out.changed(); // wakes a check waiting for output: there will be none any more
            }
        }, "client-under-test-" + name);
        thread.setDaemon(true);
    }

    /** Starts the client on {@code keyboard} in a daemon thread. */
    static ClientThread start(String name, ClientRun.ClientMain client, InputStream keyboard, Runnable unblock) {
        ClientThread started = new ClientThread(name, client, keyboard, unblock);
        started.thread.start();
        return started;
    }

    /** Waits for the client to end, at most {@code patience}; true if it ended. */
    boolean join(Duration patience) {
        try {
            return thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** CPU time the client's thread has used so far, to tell busy from waiting later ({@link #stuckAt}). */
    long cpuNanos() {
        return Stacks.cpuNanos(thread);
    }

    /** Where the client is now, and whether it was busy or waiting since {@code cpuBefore} was measured. */
    String stuckAt(long cpuBefore, Duration window) {
        return Stacks.show(thread.getStackTrace()) + "\n" + Stacks.busyOrWaiting(thread, cpuBefore, window);
    }

    /** Where the client is now (innermost frame and the lesson's frames). */
    String where() {
        return Stacks.show(thread.getStackTrace());
    }

    /** Notes how much was printed so far, then runs the unblock action (which may make the client print an error). */
    void unblock() {
        outAtUnblock = out.size();
        errAtUnblock = err.size();
        unblock.run();
    }

    /** Waits up to {@link Timeouts#SHUTDOWN} for the client; if it is still running, unblocks it and waits again. */
    boolean stop() {
        if (join(Timeouts.SHUTDOWN)) {
            return true;
        }
        unblock();
        return join(Timeouts.SHUTDOWN);
    }

    int exitCode() {
        return exit.get();
    }

    /** What the client threw, or null. */
    Throwable thrown() {
        return thrown.get();
    }

    byte[] out() {
        return out.toByteArray();
    }

    byte[] err() {
        return err.toByteArray();
    }

    /** Waits until the standard output (line ends normalised) contains {@code expected}, the client ended, or time ran out. */
    boolean awaitOutput(String expected, Duration patience) {
        return out.awaitText(expected, patience, thread);
    }

    /** Out and err as text and hex (line ends as \n), each split where the check unblocked the client. */
    String printed() {
        return "It printed on standard output:\n" + split(out(), outAtUnblock)
                + "and on standard error:\n" + split(err(), errAtUnblock);
    }

    private static String split(byte[] printed, int atUnblock) {
        if (atUnblock < 0 || atUnblock >= printed.length) {
            return Bytes.indent(Bytes.show(LineEnds.normalise(printed)));
        }
        return Bytes.indent(Bytes.show(LineEnds.normalise(Arrays.copyOf(printed, atUnblock))))
                + "  then, after the check had closed the connection at its time-out (so this part is caused by the"
                + " check, not by your code):\n" + Bytes.indent(Bytes.show(LineEnds.normalise(
                        Arrays.copyOfRange(printed, atUnblock, printed.length))));
    }

    /** Captured output that wakes whoever waits for a text to appear. */
    private static final class Captured extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }

        synchronized void changed() {
            notifyAll();
        }

        /** Waits until the text (line ends normalised) contains {@code expected}, the writer ended, or time ran out. */
        synchronized boolean awaitText(String expected, Duration patience, Thread writer) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (!LineEnds.text(toByteArray()).contains(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !writer.isAlive()) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
