package workbook.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts wrong answers per client address and shuts an address out after too many, so that
 * nobody can try key after key at full speed.
 *
 * <p>An address that gave {@code maxFailures} wrong answers is refused, even with the right key,
 * until {@code lockout} has passed since its last wrong answer; a right answer clears its count.
 * Memory is bounded: at most {@code maxAddresses} addresses are remembered, and the one
 * least recently seen is forgotten first (an attacker with many addresses cannot fill memory).
 */
final class FailureLimit {

    /** Five wrong answers, then one minute of silence, remembering up to 10,000 addresses. */
    static FailureLimit defaults() {
        return new FailureLimit(5, Duration.ofMinutes(1), 10_000, System::nanoTime);
    }

    private static final class Failures {
        int count;
        long lastNanos;
    }

    private final int maxFailures;
    private final long lockoutNanos;
    private final LongSupplier clock;
    private final Map<InetAddress, Failures> byAddress;

    /**
     * @param clock nanoseconds, like {@link System#nanoTime()}; the checks pass a clock they move by hand
     */
    FailureLimit(int maxFailures, Duration lockout, int maxAddresses, LongSupplier clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("maxAddresses must be at least 1: " + maxAddresses);
        }
        this.maxFailures = maxFailures;
        this.lockoutNanos = lockout.toNanos();
        this.clock = clock;
        // Access order: get() moves an address to the end, so the eldest is the one least recently seen.
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** True if this address has used up its wrong answers and must wait. */
    // tag::limit[]
    synchronized boolean isLockedOut(InetAddress address) {
        Failures f = current(address);
        return f != null && f.count >= maxFailures;
    }

    synchronized void recordFailure(InetAddress address) {
        Failures f = current(address);
        if (f == null) {
            f = new Failures();
            byAddress.put(address, f);
        }
        f.count++;
        f.lastNanos = clock.getAsLong();
    }
    // end::limit[]

    /** A right answer: this address starts again from zero. */
    synchronized void recordSuccess(InetAddress address) {
        byAddress.remove(address);
    }

    /** How many addresses are remembered now. */
    synchronized int remembered() {
        return byAddress.size();
    }

    /** The address's failures, or null if there are none (or they are older than the lockout). */
    private Failures current(InetAddress address) {
        Failures f = byAddress.get(address);
        if (f != null && clock.getAsLong() - f.lastNanos >= lockoutNanos) {
            byAddress.remove(address);
            return null;
        }
        return f;
    }
}
