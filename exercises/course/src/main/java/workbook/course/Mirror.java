package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The mirror rule: a lesson's starter ({@code exercises/lessonNN/src/main/java}) and its reference solution
 * ({@code solutions/lessonNN/src/main/java}) have the same files, and a starter file without a
 * {@code TODO(step} marker is byte for byte the solution's (so a student who diffs the two sees only the
 * steps). Checked by {@link StartersFail}; usage on its own: {@code Mirror EXERCISES_DIR}.
 */
public final class Mirror {

    private static final String MARKER = "TODO(step";

    private Mirror() {
    }

    public static void main(String[] args) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Lesson lesson : Lesson.all(Path.of(args.length > 0 ? args[0] : "exercises"))) {
            problems.addAll(problems(lesson));
        }
        problems.forEach(p -> System.out.println("FAIL " + p));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
        System.out.println("Every starter mirrors its solution, file for file.");
    }

    /** How this lesson's starter and solution break the mirror rule; empty if they keep it. */
    static List<String> problems(Lesson lesson) throws IOException {
        List<String> problems = new ArrayList<>();
        Path starter = lesson.starter();
        Path solution = lesson.solution();
        String solutionName = "solutions/" + lesson.id() + "/src/main/java";
        if (!Files.isDirectory(solution)) {
            problems.add(lesson.id() + ": there is no " + solutionName);
            return problems;
        }
        Set<String> starterFiles = files(starter);
        Set<String> solutionFiles = files(solution);
        for (String file : starterFiles) {
            if (!solutionFiles.contains(file)) {
                problems.add(lesson.id() + ": " + file + " is in the starter but not in " + solutionName);
                continue;
            }
            byte[] mine = Files.readAllBytes(starter.resolve(file));
            if (!new String(mine, StandardCharsets.UTF_8).contains(MARKER)
                    && !Arrays.equals(mine, Files.readAllBytes(solution.resolve(file)))) {
                problems.add(lesson.id() + ": " + file + " has no TODO(step N) marker but differs from the solution's:"
                        + " a file without a bug must be byte-identical in both");
            }
        }
        for (String file : solutionFiles) {
            if (!starterFiles.contains(file)) {
                problems.add(lesson.id() + ": " + file + " is in " + solutionName + " but not in the starter");
            }
        }
        return problems;
    }

    /** Every regular file under {@code root}, as a path relative to it with forward slashes. */
    private static Set<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return new TreeSet<>();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
