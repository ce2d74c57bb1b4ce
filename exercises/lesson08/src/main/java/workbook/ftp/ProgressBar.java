package workbook.ftp;

import java.io.PrintStream;

/**
 * Shows a transfer's progress. On a terminal one line is redrawn in place with {@code \r}; anywhere
 * else (a file, a pipe, a CI log) a {@code \r} would pile up as garbage, so whole lines are printed,
 * one per quarter: 0, 25, 50, 75 and 100 %.
 */
public final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private static final int QUARTER = 25;

    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    /** On a terminal the percentage drawn last; elsewhere the last quarter printed. */
    private int shown = -QUARTER;

    /** @param terminal true to redraw one line in place: when {@link System#console()} is not null */
    public ProgressBar(PrintStream out, String label, boolean terminal) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public void progress(long done, long total) {
        int percent = percent(done, total);
        if (terminal) {
            redraw(percent, done, total);
        } else {
            for (int next = shown + QUARTER; next <= percent; next += QUARTER) {
                out.println(label + ": " + next + "% of " + total + " bytes");
                shown = next;
            }
        }
    }

    /** Redraws only when the percentage changed: a redraw per 64 KiB block would flood a slow terminal. */
    private void redraw(int percent, long done, long total) {
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d", percent) + "% " + done + "/" + total + " bytes");
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }

    /** 0..100; an empty file is complete at once, and a file that grew meanwhile stays at 100. */
    static int percent(long done, long total) {
        if (total <= 0) {
            return 100;
        }
        return (int) Math.min(100, done * 100 / total);
    }
}
