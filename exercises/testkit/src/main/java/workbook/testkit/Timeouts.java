package workbook.testkit;

import java.time.Duration;

/**
 * The few durations every check waits for, in one place, so that no check can hang.
 *
 * <p>A starter that blocks forever must fail its step within seconds, so every wait in
 * the checks is bounded by one of these. On a very slow machine, scale them all with
 * {@code -Dchecks.patience=2} (twice as patient; see {@link Patience}).
 */
public final class Timeouts {

    /** How long a check waits for bytes that should arrive (a reply, a connection). */
    public static final Duration REPLY = scaled(2_000);

    /** How long a program may take to stop after it was closed, before the check calls it stuck. */
    public static final Duration SHUTDOWN = scaled(2_000);

    /** How long a check lingers to see whether any unexpected extra bytes follow a reply. */
    public static final Duration LINGER = scaled(100);

    private Timeouts() {
    }

    private static Duration scaled(long millis) {
        return Patience.scaled(millis);
    }
}
