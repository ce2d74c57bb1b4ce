package workbook.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link FragmentingProxy} mistreats the bytes it forwards: a seed and a few knobs.
 *
 * <pre>{@code
 * ProxyPlan.seed(42).split(1, 1).pause(Duration.ofMillis(1))   // every byte on its own, 1 ms apart
 * ProxyPlan.seed(7).split(1, 100)                              // random pieces of 1 to 100 bytes
 * ProxyPlan.seed(9).merge(Duration.ofMillis(20))               // writes within 20 ms glued together
 * ProxyPlan.seed(3).halfCloseAfter(10)                         // the server sees EOF after 10 bytes
 * ProxyPlan.seed(3).resetAfter(10)                             // both sides see a reset after 10 bytes
 * }</pre>
 * The same seed gives the same piece sizes, so a failure can be replayed: every check that uses
 * a proxy prints its seed, and {@code -Dproxy.seed=N} makes every plan use seed N.
 */
public final class ProxyPlan {

    private final long seed;
    private final int minPiece;
    private final int maxPiece;
    private final Duration pause;
    private final Duration merge;
    private final long resetAfter;
    private final long halfCloseAfter;

    private ProxyPlan(long seed, int minPiece, int maxPiece, Duration pause, Duration merge, long resetAfter,
            long halfCloseAfter) {
        this.seed = seed;
        this.minPiece = minPiece;
        this.maxPiece = maxPiece;
        this.pause = pause;
        this.merge = merge;
        this.resetAfter = resetAfter;
        this.halfCloseAfter = halfCloseAfter;
    }

    /** A plan that forwards bytes unchanged, with this seed (or the one given by {@code -Dproxy.seed}). */
    public static ProxyPlan seed(long seed) {
        long replay = Long.getLong("proxy.seed", seed);
        return new ProxyPlan(replay, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO, -1, -1);
    }

    /** Cut every write into pieces of {@code min} to {@code max} bytes (chosen by the seed), each written on its own. */
    public ProxyPlan split(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("piece sizes must satisfy 1 <= min <= max: " + min + ", " + max);
        }
        return new ProxyPlan(seed, min, max, pause, merge, resetAfter, halfCloseAfter);
    }

    /** Wait this long between two pieces, so the receiver's reads see them apart. */
    public ProxyPlan pause(Duration pause) {
        return new ProxyPlan(seed, minPiece, maxPiece, requireNonNegative(pause), merge, resetAfter, halfCloseAfter);
    }

    /** Collect everything that arrives within this window after a first byte, and forward it as one write. */
    public ProxyPlan merge(Duration window) {
        return new ProxyPlan(seed, minPiece, maxPiece, pause, requireNonNegative(window), resetAfter, halfCloseAfter);
    }

    /** After forwarding this many bytes towards the server, reset the connection both ways (RST). */
    public ProxyPlan resetAfter(long bytesToServer) {
        return new ProxyPlan(seed, minPiece, maxPiece, pause, merge, requireNonNegative(bytesToServer), halfCloseAfter);
    }

    /** After forwarding this many bytes towards the server, close that direction (the server reads end of stream). */
    public ProxyPlan halfCloseAfter(long bytesToServer) {
        return new ProxyPlan(seed, minPiece, maxPiece, pause, merge, resetAfter, requireNonNegative(bytesToServer));
    }

    public long seed() {
        return seed;
    }

    int minPiece() {
        return minPiece;
    }

    int maxPiece() {
        return maxPiece;
    }

    Duration pause() {
        return pause;
    }

    Duration merge() {
        return merge;
    }

    long resetAfter() {
        return resetAfter;
    }

    long halfCloseAfter() {
        return halfCloseAfter;
    }

    /** The plan in words, such as "seed 42: pieces of 1 to 1 bytes, 1 ms apart". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (maxPiece != Integer.MAX_VALUE) {
            parts.add("pieces of " + minPiece + " to " + maxPiece + " bytes");
        }
        if (!pause.isZero()) {
            parts.add(pause.toMillis() + " ms apart");
        }
        if (!merge.isZero()) {
            parts.add("writes within " + merge.toMillis() + " ms merged");
        }
        if (halfCloseAfter >= 0) {
            parts.add("half-closed towards the server after " + halfCloseAfter + " bytes");
        }
        if (resetAfter >= 0) {
            parts.add("reset after " + resetAfter + " bytes towards the server");
        }
        return "seed " + seed + ": " + (parts.isEmpty() ? "bytes forwarded unchanged" : String.join(", ", parts));
    }

    private static Duration requireNonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a duration must not be negative: " + d);
        }
        return d;
    }

    private static long requireNonNegative(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a byte count must not be negative: " + n);
        }
        return n;
    }
}
