package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CI's check of the hint ladders: every lesson's {@code hints.md} gives each step that has checks a
 * ladder of exactly three non-empty levels, and a section for one check class names a check class
 * of that step. Usage: {@code HintLadder EXERCISES_DIR} (exit code 1 and one line per problem).
 */
public final class HintLadder {

    private static final Pattern STEP_TAG = Pattern.compile("@Tag\\(\"step:(\\d+)\"\\)");

    private HintLadder() {
    }

    public static void main(String[] args) throws IOException {
        List<Lesson> lessons = Lesson.all(Path.of(args.length > 0 ? args[0] : "exercises"));
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : lessons) {
            List<String> found = problems(lesson);
            System.out.printf("%-9s %s%n", lesson.id(), found.isEmpty() ? "ok: three levels for every step" : "NOT OK");
            problems.addAll(found);
        }
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(p -> System.out.println("FAIL " + p));
            System.exit(1);
        }
        System.out.println("\nEvery step of every lesson has a hint ladder of three levels.");
    }

    /** What is wrong with this lesson's hint ladders; empty if nothing. */
    static List<String> problems(Lesson lesson) throws IOException {
        String where = lesson.id() + "/src/test/resources/hints.md";
        HintsFile hints = lesson.hints();
        List<String> problems = new ArrayList<>();
        hints.problems().forEach(p -> problems.add(where + ": " + p));
        Map<String, Set<Integer>> stepsByClass = stepsByCheckClass(lesson.dir().resolve("src/test/java"));
        for (Map.Entry<String, Set<Integer>> checks : stepsByClass.entrySet()) {
            for (int step : checks.getValue()) {
                if (hints.ladder(step, checks.getKey()).isEmpty()) {
                    problems.add(where + ": no \"## Step " + step + "\" for the checks of step " + step + " in "
                            + checks.getKey());
                }
            }
        }
        for (HintsFile.Ladder ladder : hints.ladders()) {
            if (ladder.checkClass() != null
                    && !stepsByClass.getOrDefault(ladder.checkClass(), Set.of()).contains(ladder.step())) {
                problems.add(where + ": \"## " + ladder.heading() + "\" names no check class with checks of step "
                        + ladder.step());
            }
        }
        return problems;
    }

    /** Check class (simple name, from its file name) to the steps its checks are tagged with. */
    static Map<String, Set<Integer>> stepsByCheckClass(Path testSources) throws IOException {
        Map<String, Set<Integer>> steps = new TreeMap<>();
        if (!Files.isDirectory(testSources)) {
            return steps;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testSources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            // A check class that extends shared checks of the testkit has their steps too.
            Matcher m = STEP_TAG.matcher(source + SharedChecks.superclassSource(file, source).orElse(""));
            Set<Integer> found = new TreeSet<>();
            while (m.find()) {
                found.add(Integer.parseInt(m.group(1)));
            }
            if (!found.isEmpty()) {
                steps.put(file.getFileName().toString().replaceFirst("\\.java$", ""), found);
            }
        }
        return steps;
    }
}
