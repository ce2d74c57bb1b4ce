package workbook.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Facts a fixture wants printed if the running check fails: a proxy's seed, a server's state.
 *
 * <p>Fixtures add a note when they start; {@link StepHints} prints the notes under the failure
 * message, and clears them after every check. The testkit's assertions take a {@link #snapshot()}
 * when they fail, so the notes describe the moment of failure. Checks run
 * one at a time, so one list is enough.
 */
public final class Diagnostics {

    private static final List<Supplier<String>> NOTES = new ArrayList<>();
    private static List<String> snapshot;

    private Diagnostics() {
    }

    /** Adds a note for the running check; the supplier is asked only if the check fails. */
    public static synchronized void note(Supplier<String> note) {
        NOTES.add(note);
    }

    /** The notes of the running check, evaluated now; a note that fails to evaluate says so. */
    public static synchronized List<String> current() {
        List<String> lines = new ArrayList<>();
        for (Supplier<String> note : NOTES) {
            try {
                String text = note.get();
                if (text != null && !text.isBlank()) {
                    lines.add(text);
                }
            } catch (RuntimeException e) {
                lines.add("(a note could not be evaluated: " + e + ")");
            }
        }
        return lines;
    }

    /**
     * Evaluates the notes now, at the moment a check fails, so the report shows the state of things
     * then, not after the check's resources were closed. The first snapshot of a check wins.
     */
    public static synchronized void snapshot() {
        if (snapshot == null) {
            snapshot = current();
        }
    }

    /** The snapshot taken when the check failed, or the notes evaluated now if none was taken. */
    static synchronized List<String> atFailure() {
        return snapshot != null ? snapshot : current();
    }

    static synchronized void clear() {
        NOTES.clear();
        snapshot = null;
    }
}
