package workbook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What arrived on a connection: the bytes as each read returned them, and how the reading ended.
 *
 * <p>Reads are bounded by a deadline, so a peer that never answers makes a check fail with
 * "nothing arrived within 2 s" instead of hanging. Keeping the read boundaries lets a failure
 * show a student how the stream was cut: {@code "HEL" | "LO"}.
 */
public final class Received {

    /** How a bounded read ended. */
    public enum Ending {
        /** All the bytes asked for arrived. */
        COMPLETE("all the expected bytes arrived"),
        /** The deadline passed first. */
        TIMED_OUT("then nothing more arrived before the deadline"),
        /** The peer closed its side (read returned -1). */
        END_OF_STREAM("then the peer closed the connection (read returned -1)"),
        /** The connection was reset or failed. */
        BROKEN("then the connection broke");

        private final String story;

        Ending(String story) {
            this.story = story;
        }
    }

    private final List<byte[]> chunks;
    private final Ending ending;
    private final String failure;
    private final Duration waited;

    private Received(List<byte[]> chunks, Ending ending, String failure, Duration waited) {
        this.chunks = List.copyOf(chunks);
        this.ending = ending;
        this.failure = failure;
        this.waited = waited;
    }

    /**
     * Reads from the socket until {@code wanted} bytes arrived, the peer closed, or {@code patience} passed.
     * Never reads more than {@code wanted} bytes, so later replies stay in the stream.
     */
    public static Received read(Socket socket, int wanted, Duration patience) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        int have = 0;
        int previousTimeout = socket.getSoTimeout();
        try {
            InputStream in = socket.getInputStream();
            while (have < wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Received(chunks, Ending.TIMED_OUT, null, patience);
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                byte[] buffer = new byte[Math.min(wanted - have, 64 * 1024)];
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return new Received(chunks, Ending.TIMED_OUT, null, patience);
                } catch (SocketException e) {
                    return new Received(chunks, Ending.BROKEN, e.getMessage(), elapsed(start));
                }
                if (n == -1) {
                    return new Received(chunks, Ending.END_OF_STREAM, null, elapsed(start));
                }
                chunks.add(java.util.Arrays.copyOf(buffer, n));
                have += n;
            }
            return new Received(chunks, Ending.COMPLETE, null, elapsed(start));
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previousTimeout);
            }
        }
    }

    /** Whatever arrives within {@code patience} (up to 64 KiB): used to catch bytes that should not be there. */
    public static Received whatever(Socket socket, Duration patience) throws IOException {
        return read(socket, 64 * 1024, patience);
    }

    /** The bytes as each read returned them. */
    public List<byte[]> chunks() {
        return chunks;
    }

    /** All the bytes, joined. */
    public byte[] bytes() {
        return Bytes.concat(chunks);
    }

    public Ending ending() {
        return ending;
    }

    /** True if nothing at all arrived. */
    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** One sentence: how much arrived and how the reading ended. */
    public String story() {
        int total = bytes().length;
        String amount = total == 0 ? "Nothing arrived" : total + (total == 1 ? " byte" : " bytes") + " arrived in "
                + chunks.size() + (chunks.size() == 1 ? " read" : " reads");
        String end = switch (ending) {
            case TIMED_OUT -> total == 0 ? "within " + seconds(waited) : ending.story + " (" + seconds(waited) + ")";
            case BROKEN -> ending.story + ": " + failure;
            default -> ending.story;
        };
        return amount + (total == 0 && ending == Ending.TIMED_OUT ? " " : ", ") + end + ".";
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
