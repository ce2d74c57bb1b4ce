package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves the second promise: a wrong answer fails. After {@code ./mvnw -Pmutation verify}, reads each
 * lesson's PIT report ({@code target/pit-reports/mutations.xml}) and prints one table: mutants, killed,
 * survived, without coverage, listed as equivalent, and the share killed. Exits with 1 if a lesson has
 * no report or kills fewer than the threshold (percent, default 90).
 *
 * <p>The share is PIT's own: killed (including timed out and memory errors, which a check also noticed)
 * divided by every mutant generated; a mutant no check even reaches counts as survived. Equivalent
 * mutants (listed in {@code src/test/resources/equivalent-mutants.md}, one {@code - } line each) are
 * shown, not subtracted. Usage: {@code MutationScores EXERCISES_DIR [THRESHOLD]}.
 */
public final class MutationScores {

    private static final Pattern STATUS = Pattern.compile("status='([A-Z_]+)'");
    /** A lesson whose checks are not there yet may hold a lower bar for a while, in its POM, with a reason. */
    private static final Pattern OWN_THRESHOLD = Pattern.compile("<mutation\\.threshold>(\\d+)</mutation\\.threshold>");

    private MutationScores() {
    }

    /** What PIT found for one lesson. */
    record Score(String lesson, int mutants, int killed, int survived, int noCoverage, int equivalent) {

        double percentKilled() {
            return mutants == 0 ? 0 : 100.0 * killed / mutants;
        }
    }

    public static void main(String[] args) throws IOException {
        Path exercises = Path.of(args.length > 0 ? args[0] : "exercises");
        double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 90;
        List<String> problems = new ArrayList<>();
        List<String> lowered = new ArrayList<>();
        System.out.printf("%-9s %7s %7s %8s %11s %10s %7s  %s%n",
                "lesson", "mutants", "killed", "survived", "no coverage", "equivalent", "killed", "bar");
        for (Lesson lesson : Lesson.all(exercises)) {
            Path report = report(lesson);
            if (!Files.exists(report)) {
                problems.add(lesson.id() + ": no PIT report at " + report + " (did -Pmutation run on it?)");
                continue;
            }
            Score s = score(lesson.id(), Files.readString(report, StandardCharsets.UTF_8), equivalents(lesson));
            double bar = ownThreshold(lesson).orElse(threshold);
            System.out.printf("%-9s %7d %7d %8d %11d %10d %6.1f%%  %.0f %%%s%n", s.lesson(), s.mutants(), s.killed(),
                    s.survived(), s.noCoverage(), s.equivalent(), s.percentKilled(), bar,
                    bar < threshold ? " (lowered in its pom.xml: checks still to be strengthened)" : "");
            if (bar < threshold) {
                lowered.add(lesson.id());
            }
            if (s.percentKilled() < bar) {
                problems.add(String.format("%s: %.1f %% of its mutants killed, below %.0f %%: see %s",
                        lesson.id(), s.percentKilled(), bar, report.resolveSibling("index.html")));
            }
        }
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(p -> System.out.println("FAIL " + p));
            System.exit(1);
        }
        System.out.printf(lowered.isEmpty()
                ? "%nEvery lesson's checks kill at least %.0f %% of PIT's mutants of its reference solution.%n"
                : "%nEvery lesson's checks reach its bar; below the workbook's %.0f %% for now: " + lowered + ".%n",
                threshold);
    }

    /** The lesson's own bar, if its POM sets {@code mutation.threshold} (see OWN_THRESHOLD). */
    static Optional<Double> ownThreshold(Lesson lesson) throws IOException {
        Path pom = lesson.dir().resolve("pom.xml");
        if (!Files.exists(pom)) {
            return Optional.empty();
        }
        Matcher m = OWN_THRESHOLD.matcher(Files.readString(pom, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    static Path report(Lesson lesson) {
        return lesson.dir().resolve("target/pit-reports/mutations.xml");
    }

    /** Counts the mutants of one mutations.xml by status. */
    static Score score(String lesson, String mutationsXml, int equivalent) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Matcher m = STATUS.matcher(mutationsXml);
        while (m.find()) {
            byStatus.merge(m.group(1), 1, Integer::sum);
        }
        int mutants = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        int killed = byStatus.getOrDefault("KILLED", 0) + byStatus.getOrDefault("TIMED_OUT", 0)
                + byStatus.getOrDefault("MEMORY_ERROR", 0);
        int noCoverage = byStatus.getOrDefault("NO_COVERAGE", 0);
        return new Score(lesson, mutants, killed, mutants - killed - noCoverage, noCoverage, equivalent);
    }

    /**
     * How many mutants the lesson lists as equivalent in equivalent-mutants.md: its list items
     * ({@code - ...}) and the body rows of its tables (not a header row, which a {@code |---} line follows).
     */
    static int equivalents(Lesson lesson) throws IOException {
        Path file = lesson.checks().resolve("resources/equivalent-mutants.md");
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean tableRow = line.startsWith("|") && !line.startsWith("|-") && !line.startsWith("| -");
            boolean header = i + 1 < lines.size() && lines.get(i + 1).replace(" ", "").startsWith("|-");
            if (line.startsWith("- ") || (tableRow && !header)) {
                count++;
            }
        }
        return count;
    }
}
