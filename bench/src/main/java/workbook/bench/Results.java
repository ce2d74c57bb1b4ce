package workbook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run: printed as one table, and written as TSV
 * ({@code name<TAB>value<TAB>unit}, one line per figure) for tools and for the lesson texts.
 */
public final class Results {

    /** One figure: a stable machine name, a median value, its unit, and how it was obtained. */
    public record Figure(String group, String name, double value, String unit, String spread, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();

    /** Records a measured figure (the sample's median, with its spread). */
    public void add(String group, String name, Sample sample, String unit, String note) {
        figures.add(new Figure(group, name, sample.median(), unit, sample.spread(), note));
    }

    /** Records a derived figure, such as a ratio of two medians of the same run. */
    public void derived(String group, String name, double value, String unit, String note) {
        figures.add(new Figure(group, name, value, unit, "", note));
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The table, one row per figure, grouped as recorded. */
    public String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-40s %14s %-12s %-26s %s%n";
        out.append(String.format(Locale.ROOT, format, "figure", "median", "unit", "spread", "note"));
        String group = null;
        for (Figure f : figures) {
            if (!f.group().equals(group)) {
                group = f.group();
                out.append(String.format(Locale.ROOT, "%n== %s%n", group));
            }
            out.append(String.format(Locale.ROOT, format, f.name(), format(f.value()), f.unit(), f.spread(), f.note()));
        }
        return out.toString();
    }

    /** Writes {@code name<TAB>value<TAB>unit} lines. */
    public void writeTsv(Path file) throws IOException {
        StringBuilder tsv = new StringBuilder();
        for (Figure f : figures) {
            tsv.append(f.name()).append('\t').append(format(f.value())).append('\t').append(f.unit()).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
    }

    /** Three significant decimals at most, no exponent: 1234.5, 0.873, 12. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return "n/a"; // a ratio over nothing, say: printed as such rather than crash the table
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
