package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hint levels {@code ./hint} showed a student in one lesson: {@code exercises/lessonNN/target/hints-opened.txt},
 * one line per ladder, such as {@code Step 3<TAB>2,3}.
 *
 * <p>It lives in {@code target/}, so {@code ./reset lessonNN} and {@code mvn clean} forget it, and it never
 * leaves the student's machine by itself (git ignores {@code target/}). Level 1, which every failing check
 * prints, is not recorded unless {@code ./hint} was asked for it.
 */
public final class HintRecord {

    /** The file's name in the lesson's target folder. */
    public static final String FILE = "hints-opened.txt";

    private static final String HEADER = """
            # The hint levels ./hint showed you in this lesson (level 1 comes with every failing check).
            # It stays on your machine; ./reset and mvn clean forget it. Format: ladder<TAB>levels shown.
            """;

    private final Path file;

    HintRecord(Path file) {
        this.file = file;
    }

    /** The levels shown so far, by ladder heading ("Step 3" or "Step 3 (ChatServerTest)"). */
    public Map<String, Set<Integer>> shown() throws IOException {
        Map<String, Set<Integer>> shown = new TreeMap<>();
        if (!Files.exists(file)) {
            return shown;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (line.startsWith("#") || tab < 0) {
                continue;
            }
            Set<Integer> levels = shown.computeIfAbsent(line.substring(0, tab), k -> new TreeSet<>());
            for (String n : line.substring(tab + 1).split(",")) {
                if (n.strip().matches("\\d+")) {
                    levels.add(Integer.parseInt(n.strip()));
                }
            }
        }
        return shown;
    }

    /** The highest level shown for a ladder, 0 if none. */
    public int highest(String heading) throws IOException {
        return shown().getOrDefault(heading, Set.of()).stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Adds levels to a ladder's record. */
    public void record(String heading, Set<Integer> levels) throws IOException {
        Map<String, Set<Integer>> shown = shown();
        shown.computeIfAbsent(heading, k -> new TreeSet<>()).addAll(levels);
        StringBuilder text = new StringBuilder(HEADER);
        shown.forEach((ladder, seen) -> text.append(ladder).append('\t')
                .append(seen.stream().map(String::valueOf).collect(Collectors.joining(","))).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** How many hint levels {@code ./hint} showed in this lesson, over all its ladders. */
    public int count() throws IOException {
        return shown().values().stream().mapToInt(Set::size).sum();
    }

    /** Forgets every level shown (what {@code ./reset} does). */
    public void forget() throws IOException {
        Files.deleteIfExists(file);
    }
}
