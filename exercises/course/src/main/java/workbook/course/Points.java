package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The points each check is worth, declared next to it with {@code @Points(n)} (default 1).
 *
 * <pre>{@code
 * @Test
 * @Points(2)
 * @Tag("step:3")
 * @DisplayName("Step 3: three clients, one after another, are all served")
 * void servesClientsOneAfterAnother() { ... }
 * }</pre>
 * Read from the check sources, so a grading report needs no compiled classes: every method
 * with a {@code @DisplayName} is a check; the annotations above it give its name and points. A check
 * class that extends shared checks of the testkit gets their points too (see {@link SharedChecks}).
 */
public final class Points {

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern POINTS = Pattern.compile("@Points\\((\\d+)\\)");
    private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+\\w+\\s*\\(");
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|record|enum)\\s+\\w+");

    private Points() {
    }

    /** Check display name to points, for every check under {@code testSources} (in file order). */
    public static Map<String, Integer> of(Path testSources) throws IOException {
        Map<String, Integer> points = new LinkedHashMap<>();
        if (!Files.isDirectory(testSources)) {
            return points;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testSources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            readInto(source, points);
            SharedChecks.superclassSource(file, source).ifPresent(shared -> readInto(shared, points));
        }
        return points;
    }

    static void readInto(String source, Map<String, Integer> points) {
        String name = null;
        int value = 1;
        StringBuilder pendingName = null; // a @DisplayName(...) that goes on over several lines
        for (String line : source.split("\n")) {
            if (pendingName == null && line.contains("@DisplayName(")) {
                pendingName = new StringBuilder();
                line = line.substring(line.indexOf("@DisplayName(") + "@DisplayName(".length());
            }
            if (pendingName != null) {
                int end = closingParenthesis(line);
                pendingName.append(end < 0 ? line : line.substring(0, end)).append('\n');
                if (end < 0) {
                    continue;
                }
                name = literals(pendingName.toString());
                pendingName = null;
                continue;
            }
            Matcher worth = POINTS.matcher(line);
            if (worth.find()) {
                value = Integer.parseInt(worth.group(1));
            }
            if (TYPE.matcher(line).find() && !line.contains("new ")) {
                name = null; // a class's own display name, not a check's
                value = 1;
            } else if (METHOD.matcher(line).find()) {
                if (name != null) {
                    points.put(name, value);
                }
                name = null;
                value = 1;
            }
        }
    }

    /** Where the annotation's ")" is on this line (outside string literals), or -1 if it goes on. */
    private static int closingParenthesis(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == ')') {
                return i;
            }
        }
        return -1;
    }

    /** The string literals of an expression such as {@code "Step 4: a" + " b"}, joined and unescaped. */
    private static String literals(String expression) {
        StringBuilder joined = new StringBuilder();
        Matcher literal = STRING.matcher(expression);
        while (literal.find()) {
            joined.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return joined.toString();
    }
}
