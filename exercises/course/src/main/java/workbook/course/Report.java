package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The teacher's grading report: turns the Surefire reports of a class's repositories into points
 * per check, per lesson and in total, as Markdown and CSV, with a fingerprint check of the checks.
 *
 * <pre>
 *   Report [--reference WORKBOOK] [--out DIR] REPOSITORY...     grading-report.md and grading-report.csv
 *   Report [--reference WORKBOOK] --autograding                 a GitHub Classroom workflow, on stdout
 * </pre>
 * A REPOSITORY is a workbook checkout whose checks have run; a folder that is not one is taken
 * as a folder of them (such as a GitHub Classroom download). The reference (default: the current
 * folder) is the teacher's own, untouched workbook: its checks and points are the ones that count.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path reference = Path.of(".");
        Path out = Path.of("target/grading");
        boolean autograding = false;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reference" -> reference = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--autograding" -> autograding = true;
                default -> inputs.add(Path.of(args[i]));
            }
        }
        Grading.Reference ref = Grading.Reference.of(reference);
        if (autograding) {
            System.out.print(Autograding.workflow(ref));
            return;
        }
        List<Path> repositories = repositories(inputs);
        if (repositories.isEmpty()) {
            System.err.println("usage: report [--reference WORKBOOK] [--out DIR] REPOSITORY...   (no repository found)");
            System.exit(2);
        }
        List<Grading.StudentGrade> grades = new ArrayList<>();
        for (Path repo : repositories) {
            grades.add(Grading.grade(repo, ref));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("grading-report.md"), ReportWriter.markdown(grades, ref), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("grading-report.csv"), ReportWriter.csv(grades, ref), StandardCharsets.UTF_8);
        for (Grading.StudentGrade g : grades) {
            System.out.printf("%-30s %4d/%-4d %s%n", g.student(), g.earned(), g.possible(),
                    g.checksUnchanged() ? "" : "checks CHANGED: " + ReportWriter.changed(g));
        }
        System.out.println("Wrote " + out.resolve("grading-report.md") + " and " + out.resolve("grading-report.csv"));
    }

    /** Each input that is a workbook checkout, or else the checkouts directly inside it. */
    static List<Path> repositories(List<Path> inputs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path input : inputs) {
            if (isWorkbook(input)) {
                found.add(input);
            } else if (Files.isDirectory(input)) {
                try (Stream<Path> children = Files.list(input)) {
                    children.filter(Report::isWorkbook).sorted().forEach(found::add);
                }
            }
        }
        return found;
    }

    private static boolean isWorkbook(Path dir) {
        return Files.isDirectory(dir.resolve("exercises"));
    }
}
