package workbook.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input with a deadline that covers many reads, not one: before each read it sets
 * the socket's time-out to what is left until the deadline, so a client cannot stretch a phase
 * forever by sending a byte now and then. See {@link ClientLimits} for the phases.
 */
final class PacedInputStream extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private long deadline;
    private String tooSlow;
    /** Set while waiting for a frame's first byte: the frame's own limit, which starts then. */
    private Duration onFirstByte;
    private String frameTooSlow;
    /** Body phase: this many bytes move the deadline on by {@code period}. */
    private long minBytes = Long.MAX_VALUE;
    private long period;
    private long counted;

    PacedInputStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Next comes a frame: its first byte within {@code idle}, all of it within {@code whole} of that. */
    void expectFrame(String what, Duration idle, Duration whole) {
        start(idle, "sent no " + what + " for " + seconds(idle));
        onFirstByte = whole;
        frameTooSlow = "the " + what + " took longer than " + seconds(whole);
    }

    /** Next comes a body: at least {@code bytes} in every {@code per}. */
    void expectBody(long bytes, Duration per) {
        start(per, "the body slowed below " + bytes + " bytes in " + seconds(per));
        minBytes = bytes;
        period = per.toNanos();
    }

    private void start(Duration limit, String message) {
        deadline = System.nanoTime() + limit.toNanos();
        tooSlow = message;
        onFirstByte = null;
        minBytes = Long.MAX_VALUE;
        counted = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException(tooSlow);
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException(tooSlow);
        }
        if (n > 0) {
            arrived(n);
        }
        return n;
    }

    private void arrived(int n) {
        if (onFirstByte != null) { // the frame has begun: from now on, its own limit
            deadline = System.nanoTime() + onFirstByte.toNanos();
            tooSlow = frameTooSlow;
            onFirstByte = null;
        }
        counted += n;
        if (counted >= minBytes) { // enough progress: a fresh window
            deadline = System.nanoTime() + period;
            counted = 0;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
