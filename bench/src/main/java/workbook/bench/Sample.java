package workbook.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated measurements of one figure: reported as the median, with the spread (min to max)
 * so a reader can tell a real difference from noise.
 */
public record Sample(double[] values) {

    public Sample {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one measurement");
        }
        values = values.clone();
        Arrays.sort(values);
    }

    public static Sample of(double... values) {
        return new Sample(values);
    }

    public double median() {
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    public double min() {
        return values[0];
    }

    public double max() {
        return values[values.length - 1];
    }

    /** "min..max (n runs)", in the same number format as the median. */
    public String spread() {
        return String.format(Locale.ROOT, "%s..%s (%d runs)", Results.format(min()), Results.format(max()), values.length);
    }
}
