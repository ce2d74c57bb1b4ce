package workbook.testkit;

import java.time.Duration;

/**
 * The one place where {@code -Dchecks.patience} scales the testkit's waits.
 *
 * <p>Every wait for something that should happen (a reply, a thread that should end, a check's
 * time-out) goes through {@link #scaled}: on a slow or busy machine, {@code -Dchecks.patience=3}
 * makes all of them three times as patient. Short pauses between two looks at a state
 * ({@link #pause}) are not waits for the state, so they are not scaled.
 */
public final class Patience {

    /** The factor of -Dchecks.patience (1 unless given; never below 0.1). */
    public static final double FACTOR = Math.max(0.1, Double.parseDouble(System.getProperty("checks.patience", "1")));

    private Patience() {
    }

    /** {@code base} times the patience factor. */
    public static Duration scaled(Duration base) {
        return Duration.ofNanos(Math.round(base.toNanos() * FACTOR));
    }

    /** {@code millis} milliseconds times the patience factor. */
    public static Duration scaled(long millis) {
        return scaled(Duration.ofMillis(millis));
    }

    /**
     * Sleeps, not scaled: between two looks at a state that is being waited for, or to pace what a fixture sends
     * (a byte every few ms). Keeps the interrupt. Never use it to wait for a state: wait on the state.
     */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
