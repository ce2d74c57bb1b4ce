package workbook.upload;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A one-line text progress bar, redrawn in place with a carriage return:
 *
 * <pre>
 *   [##################------------]  60%  614.4 KiB of 1.0 MiB
 * </pre>
 * It is honest about what it measures: the bytes handed to the socket so far. Those are in the
 * operating system's send buffer, not yet at the server; only the server's verdict says that
 * the file arrived. It redraws only when the whole percentage changes, so a 1 GiB upload prints
 * at most 101 updates, not one per buffer.
 */
public final class ProgressBar implements LongConsumer {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private int shown = -1;

    /** A bar for {@code total} bytes, drawn on {@code out}. */
    public ProgressBar(PrintStream out, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative: " + total);
        }
        this.out = out;
        this.total = total;
    }

    /** Records that {@code done} bytes are sent, and redraws if the percentage changed. */
    @Override
    public void accept(long done) {
        int percent = total == 0 ? 100 : (int) (100 * Math.min(done, total) / total);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", percent) + "  " + size(done) + " of " + size(total));
        out.flush();
    }

    /** Ends the bar's line, wherever it stopped (a failed upload leaves it short of 100%). */
    public void finish() {
        if (shown >= 0) {
            out.println();
        }
    }

    /** Bytes for people: 512 B, 1.5 KiB, 3.0 MiB, 1.0 GiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
