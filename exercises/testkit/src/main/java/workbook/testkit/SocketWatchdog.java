package workbook.testkit;

import java.net.Socket;
import java.time.Duration;

/**
 * Closes a socket when a deadline passes, so that a {@code write()} blocked on a peer that
 * stopped reading ends (with a {@code SocketException}) instead of hanging the check.
 *
 * <pre>{@code
 * try (SocketWatchdog watchdog = SocketWatchdog.start(socket, Duration.ofSeconds(5))) {
 *     socket.getOutputStream().write(megabytes);   // a socket write has no timeout of its own
 * } // cancelled here if the write finished in time
 * if (watchdog.fired()) { ... the peer stopped reading ... }
 * }</pre>
 * Reads have {@code setSoTimeout}; writes have nothing, which is why this exists. Closing
 * the watchdog stops its thread at once.
 */
public final class SocketWatchdog implements AutoCloseable {

    private final FixtureThreads threads = new FixtureThreads("socket-watchdog");
    private volatile boolean fired;

    private SocketWatchdog() {
    }

    /** Waits {@code patience}, then closes the socket: the watchdog's one thread. */
    private Runnable timer(Socket socket, Duration patience) {
        return () -> {
            try {
                Thread.sleep(patience);
                fired = true;
                if (socket instanceof HangUps.ClientSocket client) {
                    client.reallyClose(); // not a hang-up: the write blocked on it must end now
                } else {
                    socket.close();
                }
            } catch (InterruptedException cancelled) {
                // the guarded operation finished in time
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        };
    }

    /** Starts watching: {@code socket} is closed after {@code patience} unless this watchdog is closed first. */
    public static SocketWatchdog start(Socket socket, Duration patience) {
        if (patience.isNegative()) {
            throw new IllegalArgumentException("patience must not be negative: " + patience);
        }
        SocketWatchdog watchdog = new SocketWatchdog();
        watchdog.threads.start("timer", watchdog.timer(socket, patience));
        return watchdog;
    }

    /** True if the deadline passed and the socket was closed. */
    public boolean fired() {
        return fired;
    }

    /**
     * Cancels the watchdog (if it has not fired) and waits for its thread to end; fails, naming the watchdog, if it
     * does not.
     */
    @Override
    public void close() {
        threads.close(); // interrupts the timer's sleep
    }
}
