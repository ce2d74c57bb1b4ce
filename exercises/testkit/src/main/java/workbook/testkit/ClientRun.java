package workbook.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
    private final ClientThread client;
    private final boolean finishedInTime;
    private final String blockedAt;
    private final Duration patience;

    private ClientRun(String name, ClientThread client, boolean finishedInTime, String blockedAt, Duration patience) {
        this.name = name;
        this.client = client;
        this.finishedInTime = finishedInTime;
        this.blockedAt = blockedAt;
        this.patience = patience;
    }

    /** Runs the client on {@code keyboard} (UTF-8 text, lines ending in \n), waiting up to {@link Timeouts#REPLY}. */
    public static ClientRun run(String name, ClientMain client, String keyboard, Runnable unblock) {
        return run(name, client, keyboard, Timeouts.REPLY, unblock);
    }

    /** Runs the client, waiting up to {@code patience} before it is unblocked and reported stuck. */
    public static ClientRun run(String name, ClientMain client, String keyboard, Duration patience, Runnable unblock) {
        ClientThread running = ClientThread.start(name, client,
                new ByteArrayInputStream(keyboard.getBytes(StandardCharsets.UTF_8)), unblock);
        long cpuAtStart = running.cpuNanos();
        boolean inTime = running.join(patience);
        String blockedAt = null;
        if (!inTime) {
            blockedAt = running.stuckAt(cpuAtStart, patience);
            Diagnostics.snapshot(); // the state of things while the client is stuck, before unblocking it
            running.unblock();
            if (!running.join(Timeouts.SHUTDOWN)) {
                fail("Your " + name + " did not finish within " + patience.toSeconds() + " s, and was still stuck "
                        + Timeouts.SHUTDOWN.toSeconds() + " s after its connection was closed, at:\n" + blockedAt);
            }
        }
        return new ClientRun(name, running, inTime, blockedAt, patience);
    }

    /** Everything the client printed to its standard output, as UTF-8 text, line ends as \n ({@link LineEnds}). */
    public String out() {
        return LineEnds.text(client.out());
    }

    /** Everything the client printed to its standard error, as UTF-8 text, line ends as \n ({@link LineEnds}). */
    public String err() {
        return LineEnds.text(client.err());
    }

    public int exitCode() {
        return client.exitCode();
    }

    /** Fails, saying where the client was stuck and what it printed, unless it finished in time without throwing. */
    public ClientRun assertFinished() {
        Throwable thrown = client.thrown();
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
        return client.printed();
    }
}
