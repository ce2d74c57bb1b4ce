package workbook.framing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client's connection with two time limits, so that one slow client cannot hold a server that
 * serves one client at a time (a "slow loris" attack holds it on purpose):
 * <pre>
 *   waiting for a request   (idle)    ──first byte──▶  reading the request   (frame)
 *   at most idleLimit of silence                       the whole request within frameLimit,
 *                                                      counted from its first byte
 *            ◀──────────────── the server writes its reply ───────────────────
 * </pre>
 * A limit per read would not do: a client that sends one byte every few seconds never lets a
 * single read wait long, yet holds the server forever. A broken limit ends in a
 * {@link SocketTimeoutException} from a read, which ends that conversation.
 */
final class TimeLimits {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long idleLimitMillis;
    private final long frameLimitNanos;
    /** When the request being read must be complete (System.nanoTime()), or -1 while waiting for one. */
    private long frameDeadline = -1;

    TimeLimits(Socket socket, Duration idleLimit, Duration frameLimit) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.idleLimitMillis = idleLimit.toMillis();
        this.frameLimitNanos = frameLimit.toNanos();
    }

    /** The client's requests: a read waits no longer than the limit that applies now. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                boolean idle = frameDeadline == -1;
                long waitMillis = idle ? idleLimitMillis : (frameDeadline - System.nanoTime()) / 1_000_000;
                // A read that waits longer throws SocketTimeoutException. Past the
                // deadline, only bytes that are already there can still be read.
                socket.setSoTimeout(Math.toIntExact(Math.max(1, waitMillis)));
                int n = in.read(buffer, offset, length);
                if (idle && n != -1) {
                    frameDeadline = System.nanoTime() + frameLimitNanos; // a request has begun
                }
                return n;
            }
        };
    }

    /** The replies: writing one means the request was whole, so the idle limit applies again. */
    OutputStream output() {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                frameDeadline = -1;
                out.write(bytes, offset, length);
            }
        };
    }
}
