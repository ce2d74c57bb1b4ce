package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Proves the second half of the first promise: every lesson's STARTER fails its checks, once for
 * each bug it carries.
 *
 * <p>Run after the starters' checks ran (with test failures ignored). For every lesson, every
 * {@code TODO(step N)} in the starter must be matched by at least one check named "Step N: ..."
 * that failed. A lesson whose starter has no TODO, left no reports (it did not compile or run),
 * or passes every check of a TODO step, fails. It also keeps the {@link Mirror} rule: the starter and the
 * solution have the same files, identical where the starter has no TODO. Usage: {@code StartersFail EXERCISES_DIR}.
 */
public final class StartersFail {

    private static final Pattern TODO = Pattern.compile("TODO\\(step (\\d+)\\)");

    private StartersFail() {
    }

    public static void main(String[] args) throws IOException {
        List<Lesson> lessons = Lesson.all(Path.of(args.length > 0 ? args[0] : "exercises"));
        List<String> problems = new ArrayList<>();
        System.out.printf("%-9s %6s %7s  %-22s %s%n", "lesson", "checks", "failed", "TODO steps", "verdict");
        for (Lesson lesson : lessons) {
            List<String> found = new ArrayList<>(problems(lesson));
            found.addAll(Mirror.problems(lesson));
            List<CheckResult> results = lesson.results();
            System.out.printf("%-9s %6d %7d  %-22s %s%n", lesson.id(), results.size(),
                    results.stream().filter(r -> r.status().isProblem()).count(), todoSteps(lesson.starter()).keySet(),
                    found.isEmpty() ? "ok: every bug is caught" : "NOT OK");
            problems.addAll(found);
        }
        if (lessons.isEmpty()) {
            problems.add("no lesson modules found");
        }
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(p -> System.out.println("FAIL " + p));
            System.exit(1);
        }
        System.out.println("\nEvery starter fails at least one check for each bug it carries,"
                + " and mirrors its solution file for file.");
    }

    /** What is wrong with this lesson's starter run; empty if every bug was caught. */
    static List<String> problems(Lesson lesson) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> todos = todoSteps(lesson.starter());
        List<CheckResult> results = lesson.results();
        String id = lesson.id();
        if (todos.isEmpty()) {
            problems.add(id + ": the starter has no TODO(step N) marker: which bugs does it carry?");
        }
        if (results.isEmpty()) {
            problems.add(id + ": no Surefire report: the starter or its checks did not compile or run");
        }
        for (Map.Entry<Integer, String> todo : todos.entrySet()) {
            List<CheckResult> ofStep = results.stream().filter(r -> r.step() == todo.getKey()).toList();
            if (ofStep.isEmpty()) {
                problems.add(id + ": no check is named \"Step " + todo.getKey() + ": ...\" for " + todo.getValue());
            } else if (ofStep.stream().noneMatch(r -> r.status().isProblem())) {
                problems.add(id + ": the starter passes every check of step " + todo.getKey() + " although "
                        + todo.getValue() + " marks a bug there");
            }
        }
        return problems;
    }

    /** Step number to "File.java:line" of its first TODO marker in the starter. */
    static Map<Integer, String> todoSteps(Path sources) throws IOException {
        Map<Integer, String> steps = new TreeMap<>();
        if (!Files.isDirectory(sources)) {
            return steps;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = TODO.matcher(lines.get(i));
                while (m.find()) {
                    steps.putIfAbsent(Integer.parseInt(m.group(1)), file.getFileName() + ":" + (i + 1));
                }
            }
        }
        return steps;
    }
}
