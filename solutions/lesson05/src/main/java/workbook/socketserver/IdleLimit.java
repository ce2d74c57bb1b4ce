package workbook.socketserver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hangs up on a client that stays silent too long, with one clock for every connection instead
 * of a time-out on every read.
 *
 * <p>Lesson 01's way is {@code socket.setSoTimeout(limit)}, and on a platform thread it costs
 * nothing. On a virtual thread it does: every read that has to wait arms a timer in the
 * virtual-thread scheduler, and disarms it when the data comes. The bench measured that as about
 * half the round trips per second of the same server without a time-out (lesson 05, "Going
 * further"). Here a read only notes the time, and one check per limit decides:
 * <pre>
 *   every read:               lastHeard = now
 *   at lastHeard + limit:     silent all that time? ──yes──▶ close the socket: the waiting read throws
 *                                      │ no
 *                                      ▼
 *                             check again at lastHeard + limit
 * </pre>
 * A client that keeps talking costs one check per limit (once a minute by default), not one timer
 * per read.
 */
public final class IdleLimit {

    /**
     * One thread runs the checks of every watched connection in this JVM, since a check takes
     * microseconds. It ends when no check is waiting, and starts again with the next one.
     */
    private static final ScheduledThreadPoolExecutor CLOCK = newClock();

    private IdleLimit() {
    }

    /**
     * The socket's input, watched: once the client has sent nothing for {@code limit}, the socket
     * is closed, and a read waiting on it throws {@link SocketTimeoutException}. Closing the stream
     * (it closes the socket too) stops the watch.
     */
    public static InputStream watch(Socket socket, Duration limit) throws IOException {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("an idle limit must be positive, not " + limit);
        }
        return new WatchedInput(socket, limit);
    }

    private static ScheduledThreadPoolExecutor newClock() {
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, check -> {
            Thread thread = new Thread(check, "idle-limit-clock");
            thread.setDaemon(true);
            return thread;
        });
        clock.setKeepAliveTime(200, TimeUnit.MILLISECONDS);
        clock.allowCoreThreadTimeOut(true);
        clock.setRemoveOnCancelPolicy(true); // a connection that ends takes its check with it
        return clock;
    }

    /** One connection's input, and its check. */
    private static final class WatchedInput extends FilterInputStream {
        private final Socket socket;
        private final Duration limit;
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean hungUp;
        private ScheduledFuture<?> nextCheck; // guarded by this
        private boolean stopped; // guarded by this

        WatchedInput(Socket socket, Duration limit) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.limit = limit;
            checkIn(limit.toNanos());
        }

        private synchronized void checkIn(long nanos) {
            if (!stopped) {
                nextCheck = CLOCK.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
            }
        }

        /** On the clock's thread: hang up, or look again when the limit would be reached. */
        // tag::check[]
        private void check() {
            long silent = System.nanoTime() - lastHeard;
            if (silent < limit.toNanos()) {
                checkIn(limit.toNanos() - silent);
                return;
            }
            hungUp = true;
            try {
                socket.close(); // wakes the read that waits for this client
            } catch (IOException e) {
                // it is closed all the same
            }
        }
        // end::check[]

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                lastHeard = System.nanoTime();
                return b;
            } catch (SocketException e) {
                throw explained(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int n = super.read(buffer, offset, length);
                lastHeard = System.nanoTime();
                return n;
            } catch (SocketException e) {
                throw explained(e);
            }
        }

        /** "Socket closed", when this watch closed it, means the client was silent too long: say that. */
        private IOException explained(SocketException e) {
            return hungUp ? new SocketTimeoutException("silent for " + seconds(limit) + ": hung up") : e;
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                stopped = true;
                if (nextCheck != null) {
                    nextCheck.cancel(false);
                }
            }
            super.close();
        }
    }

    private static String seconds(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
