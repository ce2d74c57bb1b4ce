package workbook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One direction of one connection through a {@link FragmentingProxy}: reads from one socket, glues what arrives
 * within the plan's merge window, cuts it into pieces of the plan's sizes and writes them to the other socket, then
 * passes on the end of stream, or half-closes or resets where the plan says. It records the pieces for
 * {@link #summary()}.
 */
final class ProxyDirection {
    private static final int PIECES_SHOWN = 24;

    private final String name;
    private final Socket from;
    private final Socket to;
    private final ProxyLink link;
    private final ProxyPlan plan;
    private final boolean towardsServer;
    private final Random random;
    private final List<Integer> pieces = new CopyOnWriteArrayList<>();
    private volatile long forwarded;
    private volatile int pieceCount;
    private volatile String ending = "still open";

    /** @param towardsServer whether the plan's half-close or reset budget counts this direction's bytes */
    ProxyDirection(String name, Socket from, Socket to, ProxyLink link, ProxyPlan plan, boolean towardsServer,
            Random random) {
        this.name = name;
        this.plan = plan;
        this.from = from;
        this.to = to;
        this.link = link;
        this.towardsServer = towardsServer;
        this.random = random;
    }

    void pump() {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = readMerged(in, buffer);
                if (n == -1) {
                    ending = "ended (end of stream passed on)";
                    to.shutdownOutput();
                    break;
                }
                if (!forward(out, buffer, n)) {
                    break;
                }
            }
            link.directionDone(); // after a reset both sockets are closed already; this is then harmless
        } catch (IOException e) {
            ending = "broke: " + e.getMessage();
            link.reset();
        }
    }

    /** Reads one chunk; with a merge window, keeps reading until the window after the first byte closes. */
    private int readMerged(InputStream in, byte[] buffer) throws IOException {
        int n = in.read(buffer);
        if (n <= 0 || plan.merge().isZero()) {
            return n;
        }
        long deadline = System.nanoTime() + plan.merge().toNanos();
        try {
            while (n < buffer.length) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                from.setSoTimeout((int) left);
                int more = in.read(buffer, n, buffer.length - n);
                if (more == -1) {
                    break; // the next read sees the end of stream again
                }
                n += more;
            }
        } catch (SocketTimeoutException windowClosed) {
            // nothing more arrived in the window
        } finally {
            from.setSoTimeout(0);
        }
        return n;
    }

    /** Writes n bytes as pieces; false if the plan ended this direction (half-close or reset). */
    private boolean forward(OutputStream out, byte[] buffer, int n) throws IOException {
        long limit = towardsServer ? budget() : Long.MAX_VALUE;
        int allowed = (int) Math.min(n, Math.max(0, limit - forwarded));
        int offset = 0;
        while (offset < allowed) {
            int size = Math.min(allowed - offset, pieceSize());
            record(size); // before writing, so the description never lags behind what the peer saw
            out.write(buffer, offset, size);
            out.flush();
            offset += size;
            if (!plan.pause().isZero() && offset < allowed) {
                Patience.pause(plan.pause().toMillis()); // the plan's pause, part of the traffic: not scaled
            }
        }
        if (forwarded < limit) {
            return true;
        }
        if (plan.resetAfter() >= 0 && forwarded >= plan.resetAfter()) {
            ending = "reset by the plan after " + forwarded + " bytes";
            link.reset();
            return false;
        }
        ending = "half-closed by the plan after " + forwarded + " bytes; later bytes were dropped";
        to.shutdownOutput();
        drain(from.getInputStream());
        return false;
    }

    private long budget() {
        long reset = plan.resetAfter() >= 0 ? plan.resetAfter() : Long.MAX_VALUE;
        long half = plan.halfCloseAfter() >= 0 ? plan.halfCloseAfter() : Long.MAX_VALUE;
        return Math.min(reset, half);
    }

    private int pieceSize() {
        if (plan.maxPiece() == Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return plan.minPiece() + random.nextInt(plan.maxPiece() - plan.minPiece() + 1);
    }

    private void record(int size) {
        forwarded += size;
        pieceCount++;
        if (pieces.size() < PIECES_SHOWN) {
            pieces.add(size);
        }
    }

    String summary() {
        String shown = pieces.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("");
        return name + ": " + forwarded + " bytes in " + pieceCount + " writes"
                + (pieceCount > 0 ? " [" + shown + (pieceCount > pieces.size() ? " ..." : "") + "]" : "")
                + ", " + ending;
    }

    /** Reads and discards until end of stream: the client may go on writing after a half-close. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink) != -1) {
            // dropped on purpose
        }
    }
}
