package workbook.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The course table: every lesson with its checks passed, and what to do next.
 *
 * <pre>
 *   01  TCP basics                                   8/14  [######.....]
 *   02  Sticky packets and message framing          12/12  done
 *   ...
 *   Next: lesson 01, Step 3: three clients, one after another, are all served
 * </pre>
 * Reads the Surefire reports the last test run left in each lesson module; run by {@code ./progress}
 * after the checks ran (usage: {@code Progress EXERCISES_DIR [MAVEN_LOG]}).
 */
public final class Progress {

    private static final int BAR = 12;

    /** One lesson's line of the table, with the number of hint levels ./hint showed in it. */
    record Row(Lesson lesson, List<CheckResult> results, int hintsOpened) {
        long passed() {
            return results.stream().filter(CheckResult::passed).count();
        }

        boolean ran() {
            return !results.isEmpty();
        }

        boolean done() {
            return ran() && passed() == results.size();
        }
    }

    private Progress() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Progress EXERCISES_DIR [MAVEN_LOG]");
            System.exit(2);
        }
        String log = args.length > 1 ? args[1] : "the Maven output";
        List<Row> rows = rows(Path.of(args[0]));
        print(rows, log, Terminal.detect(), System.out);
    }

    static List<Row> rows(Path exercises) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Lesson lesson : Lesson.all(exercises)) {
            rows.add(new Row(lesson, lesson.results(), lesson.hintRecord().count()));
        }
        return rows;
    }

    static void print(List<Row> rows, String log, Terminal t, PrintStream out) throws IOException {
        out.println();
        out.println(t.bold("  Java Sockets Workbook: your progress"));
        out.println();
        long passed = 0;
        long total = 0;
        for (Row row : rows) {
            passed += row.passed();
            total += row.results().size();
            String title = "  " + row.lesson().number() + "  " + padded(cut(row.lesson().title(), 50), 52);
            if (!row.ran()) {
                out.println(title + t.red("     -   did not run: does it compile? (see " + log + ")"));
            } else {
                String count = String.format(Locale.ROOT, "%5d/%-3d", row.passed(), row.results().size());
                String hints = row.hintsOpened() == 0 ? "" : t.dim("  hints opened: " + row.hintsOpened());
                out.println(title + (row.done() ? t.green(count + " done") : t.yellow(count + " " + bar(row))) + hints);
            }
        }
        out.println(String.format(Locale.ROOT, "  %-56s%5d/%-3d", "    all lessons", passed, total));
        out.println();
        rows.stream().filter(r -> !r.done()).findFirst().ifPresentOrElse(
                row -> next(row, log, t, out),
                () -> out.println(t.green("  Every check of every lesson passes. Well done!")));
        out.println();
    }

    /** The first failing step of the first unfinished lesson, with its message and hint. */
    private static void next(Row row, String log, Terminal t, PrintStream out) {
        Lesson lesson = row.lesson();
        if (!row.ran()) {
            out.println(t.bold("  Next: lesson " + lesson.number()) + " did not build or run. Look for [ERROR] lines in "
                    + log + ", or run: cd exercises && mvn test -pl " + lesson.id());
            return;
        }
        CheckResult first = row.results().stream().filter(r -> r.status().isProblem())
                .min(Comparator.comparingInt(r -> r.step() < 0 ? Integer.MAX_VALUE : r.step())).orElseThrow();
        out.println(t.bold("  Next: lesson " + lesson.number() + ", " + first.name()));
        out.println("    " + t.dim(cut(first.firstLineOfMessage(), 110)));
        String hint;
        try {
            hint = lesson.hints().firstLevel(first.step(), first.checkClass()).orElse(null);
        } catch (IOException e) {
            hint = null;
        }
        if (hint != null) {
            out.println();
            out.println("  Hint:");
            hint.lines().forEach(line -> out.println("    " + line));
            out.println("  " + HintsFile.moreHelp(lesson.id(), first.step()));
        }
        out.println();
        out.println("  The whole report of that lesson: cd exercises && mvn test -pl " + lesson.id());
    }

    private static String bar(Row row) {
        int filled = (int) Math.round(BAR * (double) row.passed() / row.results().size());
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    /** Pads to a width in terminal columns: East Asian wide characters (such as 粘包) take two columns. */
    static String padded(String s, int columns) {
        int width = s.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
        return s + " ".repeat(Math.max(0, columns - width));
    }

    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
                || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
                || (c >= 0xffe0 && c <= 0xffe6);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
