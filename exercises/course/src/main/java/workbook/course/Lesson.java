package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One lesson module of a workbook checkout: {@code exercises/lessonNN}, with its title, checks and hints.
 *
 * @param id  the module's folder name, such as "lesson01"
 * @param dir the module's folder
 */
public record Lesson(String id, Path dir) {

    private static final Pattern NAME = Pattern.compile("<name>Lesson \\d+ - (.*?)</name>");
    private static final Pattern DOC_TITLE = Pattern.compile("^= Lesson \\d+: (.*)$", Pattern.MULTILINE);

    /** The lesson modules under {@code exercises}, in order: every folder named lessonNN. */
    public static List<Lesson> all(Path exercises) throws IOException {
        try (Stream<Path> dirs = Files.list(exercises)) {
            return dirs.filter(d -> d.getFileName().toString().matches("lesson\\d\\d") && Files.isDirectory(d))
                    .sorted().map(d -> new Lesson(d.getFileName().toString(), d)).toList();
        }
    }

    /** "01" for lesson01. */
    public String number() {
        return id.substring("lesson".length());
    }

    /**
     * The title from the lesson text ({@code = Lesson 01: TCP basics} in lessons/lesson01.adoc), else from
     * the module's POM ({@code <name>Lesson 01 - TCP basics</name>}), else the id.
     */
    public String title() {
        Path text = dir.resolve("../../lessons/" + id + ".adoc").normalize();
        return firstMatch(text, DOC_TITLE).or(() -> firstMatch(dir.resolve("pom.xml"), NAME)).orElse(id);
    }

    private static java.util.Optional<String> firstMatch(Path file, Pattern pattern) {
        try {
            Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? java.util.Optional.of(m.group(1).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The checks' outcomes from the last test run (empty if the lesson has not run). */
    public List<CheckResult> results() throws IOException {
        return SurefireReports.read(reports());
    }

    public Path reports() {
        return dir.resolve("target/surefire-reports");
    }

    public Path starter() {
        return dir.resolve("src/main/java");
    }

    public Path checks() {
        return dir.resolve("src/test");
    }

    /** The hint ladders ({@code src/test/resources/hints.md}; empty if there is none). */
    public HintsFile hints() throws IOException {
        return HintsFile.read(dir.resolve("src/test/resources/hints.md"));
    }

    /** The student's record of the hint levels {@code ./hint} showed them (in target/, so clean forgets it). */
    public HintRecord hintRecord() {
        return new HintRecord(dir.resolve("target").resolve(HintRecord.FILE));
    }

    /** The reference solution's sources: solutions/lessonNN/src/main/java next to exercises/. */
    public Path solution() {
        return dir.resolve("../../solutions").resolve(id).resolve("src/main/java").normalize();
    }
}
