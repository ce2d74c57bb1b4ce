package workbook.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link LossyUdpProxy} mistreats the datagrams it forwards: a seed and a rate for each kind of trouble.
 *
 * <pre>{@code
 * LossPlan.seed(7)                                   // every datagram forwarded once, at once
 * LossPlan.seed(7).drop(0.25)                        // a quarter of the datagrams lost
 * LossPlan.seed(7).duplicate(0.1)                    // one in ten delivered twice
 * LossPlan.seed(7).reorder(0.1)                      // one in ten overtaken by the next datagram
 * LossPlan.seed(7).delay(0.1, Duration.ofMillis(60)) // one in ten arrives 60 ms late
 * }</pre>
 * Each datagram's fate is drawn from the seed, separately for each client and each direction,
 * in the order the datagrams arrive; so the same seed treats the same traffic the same way,
 * and a failure can be replayed: every check that uses the proxy prints the seed, and
 * {@code -Dproxy.seed=N} makes every plan (this one and {@link ProxyPlan}) use seed N.
 * A datagram is never changed, cut or merged: UDP keeps its boundaries even when it loses.
 */
public final class LossPlan {

    /** How long (ms) a datagram held back for reordering waits for the next one before it is sent anyway. */
    public static final long MAX_HOLD_MS = 50;

    private final long seed;
    private final double drop;
    private final double duplicate;
    private final double reorder;
    private final double delay;
    private final Duration delayBy;

    private LossPlan(long seed, double drop, double duplicate, double reorder, double delay, Duration delayBy) {
        this.seed = seed;
        this.drop = drop;
        this.duplicate = duplicate;
        this.reorder = reorder;
        this.delay = delay;
        this.delayBy = delayBy;
    }

    /** A plan that forwards every datagram faithfully, with this seed (or the one given by {@code -Dproxy.seed}). */
    public static LossPlan seed(long seed) {
        return new LossPlan(Long.getLong("proxy.seed", seed), 0, 0, 0, 0, Duration.ZERO);
    }

    /** Lose this fraction of the datagrams (0 to 1). */
    public LossPlan drop(double rate) {
        return new LossPlan(seed, requireRate("drop", rate), duplicate, reorder, delay, delayBy);
    }

    /** Deliver this fraction of the datagrams that get through twice. */
    public LossPlan duplicate(double rate) {
        return new LossPlan(seed, drop, requireRate("duplicate", rate), reorder, delay, delayBy);
    }

    /**
     * Hold back this fraction of the datagrams until the next datagram in the same direction has
     * been sent (or {@value #MAX_HOLD_MS} ms have passed), so that the later one arrives first.
     */
    public LossPlan reorder(double rate) {
        return new LossPlan(seed, drop, duplicate, requireRate("reorder", rate), delay, delayBy);
    }

    /** Deliver this fraction of the datagrams {@code by} late (later datagrams may overtake them). */
    public LossPlan delay(double rate, Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative: " + by);
        }
        return new LossPlan(seed, drop, duplicate, reorder, requireRate("delay", rate), by);
    }

    public long seed() {
        return seed;
    }

    double dropRate() {
        return drop;
    }

    double duplicateRate() {
        return duplicate;
    }

    double reorderRate() {
        return reorder;
    }

    double delayRate() {
        return delay;
    }

    Duration delayBy() {
        return delayBy;
    }

    /** The plan in words, such as "seed 7: 25% dropped, 10% duplicated, 10% reordered, 10% delayed by 60 ms". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (drop > 0) {
            parts.add(percent(drop) + " dropped");
        }
        if (duplicate > 0) {
            parts.add(percent(duplicate) + " duplicated");
        }
        if (reorder > 0) {
            parts.add(percent(reorder) + " reordered");
        }
        if (delay > 0) {
            parts.add(percent(delay) + " delayed by " + delayBy.toMillis() + " ms");
        }
        return "seed " + seed + ": " + (parts.isEmpty() ? "datagrams forwarded faithfully" : String.join(", ", parts));
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }

    private static double requireRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a " + what + " rate must be between 0 and 1: " + rate);
        }
        return rate;
    }
}
