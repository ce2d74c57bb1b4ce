package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a student's interactive client, fed from a scripted keyboard, with its output captured.
 *
 * <p>The client runs in its own thread. If it has not finished within the patience given,
 * the run records where it is blocked, calls the {@code unblock} action (typically
 * {@link ReferenceServer#dropConnections()}) so that its blocked read ends, and waits for it
 * again, boundedly. The check then fails with what the client printed and where it was stuck.
 */
public final class ClientRun {

    /** A client's entry point: reads the keyboard, prints to out and err, returns its exit code. */
    @FunctionalInterface
    public interface ClientMain {
        int run(InputStream keyboard, PrintStream out, PrintStream err) throws Exception;
    }

    private final String name;
    private final boolean finishedInTime;
    private final int exitCode;
    private final Throwable thrown;
    private final byte[] out;
    private final byte[] err;
    private final String blockedAt;
    private final Duration patience;
    private final int outAtUnblock;
    private final int errAtUnblock;

    private ClientRun(String name, boolean finishedInTime, int exitCode, Throwable thrown, byte[] out, byte[] err,
            String blockedAt, Duration patience, int outAtUnblock, int errAtUnblock) {
        this.name = name;
        this.finishedInTime = finishedInTime;
        this.exitCode = exitCode;
        this.thrown = thrown;
        this.out = out;
        this.err = err;
        this.blockedAt = blockedAt;
        this.patience = patience;
        this.outAtUnblock = outAtUnblock;
        this.errAtUnblock = errAtUnblock;
    }

    /** Runs the client on {@code keyboard} (UTF-8 text, lines ending in \n), waiting up to {@link Timeouts#REPLY}. */
    public static ClientRun run(String name, ClientMain client, String keyboard, Runnable unblock) {
        return run(name, client, keyboard, Timeouts.REPLY, unblock);
    }

    /** Runs the client, waiting up to {@code patience} before it is unblocked and reported stuck. */
    public static ClientRun run(String name, ClientMain client, String keyboard, Duration patience, Runnable unblock) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        InputStream in = new ByteArrayInputStream(keyboard.getBytes(StandardCharsets.UTF_8));
        Thread thread = new Thread(() -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                exit.set(client.run(in, o, e));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "client-under-test-" + name);
        thread.setDaemon(true);
        thread.start();
        long cpuAtStart = Stacks.cpuNanos(thread);
        boolean inTime = join(thread, patience);
        String blockedAt = null;
        int outAtUnblock = -1;
        int errAtUnblock = -1;
        if (!inTime) {
            blockedAt = Stacks.show(thread.getStackTrace()) + "\n" + Stacks.busyOrWaiting(thread, cpuAtStart, patience);
            Diagnostics.snapshot(); // the state of things while the client is stuck, before unblocking it
            outAtUnblock = out.size();
            errAtUnblock = err.size();
            unblock.run();
            if (!join(thread, Timeouts.SHUTDOWN)) {
                fail("Your " + name + " did not finish within " + patience.toSeconds() + " s, and was still stuck "
                        + Timeouts.SHUTDOWN.toSeconds() + " s after its connection was closed, at:\n" + blockedAt);
            }
        }
        return new ClientRun(name, inTime, exit.get(), thrown.get(), out.toByteArray(), err.toByteArray(), blockedAt,
                patience, outAtUnblock, errAtUnblock);
    }

    /** Waits for the thread to end, at most {@code patience}; true if it ended. */
    private static boolean join(Thread thread, Duration patience) {
        try {
            return thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Everything the client printed to its standard output, as UTF-8 text, line ends as \n ({@link LineEnds}). */
    public String out() {
        return LineEnds.text(out);
    }

    /** Everything the client printed to its standard error, as UTF-8 text, line ends as \n ({@link LineEnds}). */
    public String err() {
        return LineEnds.text(err);
    }

    public int exitCode() {
        return exitCode;
    }

    /** Fails, saying where the client was stuck and what it printed, unless it finished in time without throwing. */
    public ClientRun assertFinished() {
        if (thrown != null) {
            Diagnostics.snapshot();
        }
        if (!finishedInTime) {
            fail("Your " + name + " did not finish within " + patience.toSeconds() + " s. It was waiting at:\n"
                    + blockedAt + "\n" + printed());
        }
        if (thrown != null) {
            fail("Your " + name + " crashed with " + thrown + " at:\n" + Stacks.show(thrown.getStackTrace()) + "\n"
                    + printed());
        }
        return this;
    }

    /**
     * What the client printed, on out and on err, as text and hex (line ends as \n), for failure messages. What it
     * printed after the check closed its connection at the time-out (such as "Socket closed") is shown apart.
     */
    public String printed() {
        return printed(out, outAtUnblock, err, errAtUnblock);
    }

    /** Out and err, each split where the check unblocked the client (-1: it did not). */
    static String printed(byte[] out, int outAtUnblock, byte[] err, int errAtUnblock) {
        return "It printed on standard output:\n" + split(out, outAtUnblock)
                + "and on standard error:\n" + split(err, errAtUnblock);
    }

    private static String split(byte[] printed, int atUnblock) {
        if (atUnblock < 0 || atUnblock >= printed.length) {
            return Bytes.indent(Bytes.show(LineEnds.normalise(printed)));
        }
        return Bytes.indent(Bytes.show(LineEnds.normalise(java.util.Arrays.copyOf(printed, atUnblock))))
                + "  then, after the check had closed the connection at its time-out (so this part is caused by the"
                + " check, not by your code):\n" + Bytes.indent(Bytes.show(LineEnds.normalise(
                        java.util.Arrays.copyOfRange(printed, atUnblock, printed.length))));
    }
}
