package workbook.upload;

import java.time.Duration;

/**
 * How long the server waits for a slow client before it hangs up, so that no single client can
 * hold a server that serves one client at a time.
 *
 * <p>A per-read time-out is not enough: a client that sends one byte every few seconds never
 * trips it, and holds the server forever (the "slow loris" attack). So each phase of an upload
 * has a limit of its own:
 * <ul>
 *   <li>{@code idle}: from the connection (or the last verdict) to the first byte of a header;
 *   <li>{@code frame}: from a header's (or trailer's) first byte to its last: a whole frame, not one read;
 *   <li>{@code minBodyBytes} per {@code bodyPeriod}: the body must keep moving at least this fast.
 * </ul>
 * The real fix is to serve clients concurrently (lesson 05); these limits only bound the harm.
 *
 * @param idle         longest silence before a header starts
 * @param frame        longest time for one whole header or trailer, from its first byte
 * @param minBodyBytes least number of body bytes that must arrive in each {@code bodyPeriod}
 * @param bodyPeriod   the window for {@code minBodyBytes}
 */
public record ClientLimits(Duration idle, Duration frame, long minBodyBytes, Duration bodyPeriod) {

    /** Generous for a person at a keyboard, short enough that a stalled client is soon dropped. */
    public static final ClientLimits DEFAULT = new ClientLimits(Duration.ofSeconds(10), Duration.ofSeconds(10),
            64 * 1024, Duration.ofSeconds(10));

    public ClientLimits {
        positive("idle", idle);
        positive("frame", frame);
        positive("bodyPeriod", bodyPeriod);
        if (minBodyBytes < 1) {
            throw new IllegalArgumentException("minBodyBytes must be at least 1: " + minBodyBytes);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + value);
        }
    }
}
