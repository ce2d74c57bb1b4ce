package workbook.course;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The short screen {@code ./watch} shows after each run: every step passed or not, then the first failing
 * check's message (cut to a screenful) and its level-1 hint with the command for the next level.
 */
final class WatchScreen {

    /** Lines of a failure message shown before the hint; the full report is one Maven run away. */
    static final int MESSAGE_LINES = 30;
    /** Compiler errors shown. */
    static final int ERRORS = 5;
    private static final String HINT_START = "\n\nHint (step ";

    private WatchScreen() {
    }

    static String render(Lesson lesson, Verdict verdict, LocalTime at, Terminal t) {
        StringBuilder s = new StringBuilder();
        String when = String.format(Locale.ROOT, "checked at %s in %.1f s (compiling %.1f s)",
                at.format(DateTimeFormatter.ofPattern("HH:mm:ss")), verdict.took().toMillis() / 1000.0,
                verdict.compiling().toMillis() / 1000.0);
        s.append(t.bold("Lesson " + lesson.number() + " · " + lesson.title())).append("   ").append(t.dim(when)).append("\n\n");
        if (!verdict.compiled()) {
            s.append(t.red("  Your code does not compile:")).append("\n\n");
            verdict.compileErrors().stream().limit(ERRORS).forEach(e -> e.lines().forEach(l -> s.append("  ").append(l).append('\n')));
            if (verdict.compileErrors().size() > ERRORS) {
                s.append("  (").append(verdict.compileErrors().size() - ERRORS).append(" more errors)\n");
            }
            return s.append(footer(lesson)).toString();
        }
        Map<Integer, long[]> steps = new TreeMap<>(); // step -> {passed, total}
        for (CheckResult r : verdict.results()) {
            long[] count = steps.computeIfAbsent(r.step(), k -> new long[2]);
            count[0] += r.passed() || r.status() == CheckResult.Status.SKIPPED ? 1 : 0;
            count[1]++;
        }
        steps.forEach((step, count) -> {
            String label = step < 0 ? "Other " : String.format(Locale.ROOT, "Step %d", step);
            boolean ok = count[0] == count[1];
            String verdictWord = ok ? t.green("passed") : t.red("FAILED");
            s.append(String.format(Locale.ROOT, "  %-7s %s  %d of %d checks%n", label, verdictWord, count[0], count[1]));
        });
        if (verdict.results().isEmpty()) {
            s.append(t.yellow("  No checks ran: are the lesson's checks compiled? Try: cd exercises && mvn test -pl "
                    + lesson.id())).append('\n');
        }
        Optional<CheckResult> first = firstFailing(verdict.results());
        if (first.isEmpty()) {
            if (!verdict.results().isEmpty()) {
                s.append('\n').append(t.green("  Every check of lesson " + lesson.number() + " passes. Well done!")).append('\n');
            }
            return s.append(footer(lesson)).toString();
        }
        String message = first.get().message();
        int hintAt = message.indexOf(HINT_START);
        String failure = hintAt < 0 ? message : message.substring(0, hintAt);
        List<String> lines = failure.strip().lines().toList();
        s.append('\n');
        if (lines.isEmpty() || !lines.get(0).contains(first.get().name())) {
            s.append(t.bold(first.get().name() + " — FAILED")).append('\n');
        }
        lines.stream().limit(MESSAGE_LINES).forEach(l -> s.append(l).append('\n'));
        if (lines.size() > MESSAGE_LINES) {
            s.append(t.dim("... (" + (lines.size() - MESSAGE_LINES) + " more lines: cd exercises && mvn test -pl "
                    + lesson.id() + " shows them all)")).append('\n');
        }
        if (hintAt >= 0) {
            s.append('\n').append(message.substring(hintAt).strip()).append('\n');
        }
        return s.append(footer(lesson)).toString();
    }

    /** The first failing check of the lowest failing step; checks that belong to no step come last. */
    static Optional<CheckResult> firstFailing(List<CheckResult> results) {
        return results.stream().filter(r -> r.status().isProblem())
                .min(Comparator.comparingInt(r -> r.step() < 0 ? Integer.MAX_VALUE : r.step()));
    }

    private static String footer(Lesson lesson) {
        return "\nWatching exercises/" + lesson.id() + "/src/main/java: save a file to check again. Ctrl-C stops.\n";
    }
}
