package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that two lessons share live in the testkit as an abstract class (lesson 01's
 * {@code UpperServerChecks}, lesson 04's {@code UdpEchoServerChecks}, both run again by lesson 05), and
 * a lesson's check class extends one: {@code class UpperServerTest extends UpperServerChecks<...>}.
 * The tools that read checks from their sources (points, hint ladders) read the shared class too,
 * for the check classes Surefire runs (names ending in {@code Test}); lesson 05 runs its subclasses
 * from inside one of its own checks, so their checks are not lesson 05's.
 */
final class SharedChecks {

    private static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+(?:\\s*<[^{]*?>)?\\s+extends\\s+(\\w+)");

    private SharedChecks() {
    }

    /** The source of the testkit class that the check class in {@code file} extends, if it extends one. */
    static Optional<String> superclassSource(Path file, String source) throws IOException {
        if (!file.getFileName().toString().endsWith("Test.java")) {
            return Optional.empty();
        }
        Matcher m = EXTENDS.matcher(source);
        Optional<Path> testkit = testkitSources(file);
        if (!m.find() || testkit.isEmpty()) {
            return Optional.empty();
        }
        String wanted = m.group(1) + ".java";
        try (Stream<Path> walk = Files.walk(testkit.get())) {
            Optional<Path> found = walk.filter(f -> f.getFileName().toString().equals(wanted)).findFirst();
            return found.isEmpty() ? Optional.empty() : Optional.of(Files.readString(found.get(), StandardCharsets.UTF_8));
        }
    }

    /** exercises/testkit/src/main/java, found from a file in exercises/lessonNN. */
    private static Optional<Path> testkitSources(Path file) {
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path sources = dir.resolve("testkit/src/main/java");
            if (Files.isDirectory(sources)) {
                return Optional.of(sources);
            }
        }
        return Optional.empty();
    }
}
