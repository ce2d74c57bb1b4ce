package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson's hints file ({@code src/test/resources/hints.md}): a ladder of three hints for each step.
 *
 * <pre>
 * # Hints for lesson 01: TCP basics
 *
 * ## Step 3
 * ### 1
 * A nudge: which behaviour is wrong and where to look.
 * ### 2
 * The idea: the concept, and the API to read about.
 * ### 3
 * Almost there: close to the code.
 *
 * ## Step 3 (ChatServerTest)
 * ### 1
 * ...   (optional: the ladder for the checks of ONE check class, instead of "## Step 3")
 * </pre>
 * A failing check prints level 1 of its step; {@code ./hint} shows the next levels. A section
 * without {@code ### N} levels is read as a ladder of one level (the older format); {@link #problems()}
 * says what is not yet a proper ladder. Read by the checks, {@code ./hint}, {@code ./watch} and the
 * progress table.
 */
public final class HintsFile {

    /** Every ladder has exactly this many levels. */
    public static final int LEVELS = 3;

    private static final Pattern TITLE = Pattern.compile("^# .*?\\blesson (\\d+)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECTION = Pattern.compile("^## Step (\\d+)(?:\\s*\\((\\w+)\\))?\\s*$");
    private static final Pattern LEVEL = Pattern.compile("^### (\\d+)\\s*$");

    /**
     * One ladder: the hints of a step, or of a step for one check class.
     *
     * @param step       the step number
     * @param checkClass the simple name of the check class it is for, or null for the whole step
     * @param levels     the hints, level 1 first
     */
    public record Ladder(int step, String checkClass, List<String> levels) {

        /** "Step 3" or "Step 3 (ChatServerTest)": the section's heading, and its key in the student's record. */
        public String heading() {
            return "Step " + step + (checkClass == null ? "" : " (" + checkClass + ")");
        }

        /** Level {@code n} (1-based). */
        public String level(int n) {
            return levels.get(n - 1);
        }
    }

    /** What each level is, for the student: level 1 is a nudge, 2 the idea, 3 almost there. */
    public static String levelName(int level) {
        return switch (level) {
            case 1 -> "a nudge";
            case 2 -> "the idea";
            case 3 -> "almost there";
            default -> "level " + level;
        };
    }

    /** The line a failing check prints under its hint: how to get the next level. */
    public static String moreHelp(String lessonId, int step) {
        return "More help: ./hint " + lessonId + " " + step + " (Windows: hint.cmd " + lessonId + " " + step + ")";
    }

    private final String lessonNumber;
    private final List<Ladder> ladders;
    private final List<String> problems;

    private HintsFile(String lessonNumber, List<Ladder> ladders, List<String> problems) {
        this.lessonNumber = lessonNumber;
        this.ladders = List.copyOf(ladders);
        this.problems = List.copyOf(problems);
    }

    /** The hints file at {@code file}; an empty one if there is none. */
    public static HintsFile read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : parse("");
    }

    public static HintsFile parse(String markdown) {
        List<String> lines = markdown.replace("\r\n", "\n").lines().toList();
        List<Ladder> ladders = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String number = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher title = TITLE.matcher(line);
            if (number == null && title.find()) {
                number = String.format("%02d", Integer.parseInt(title.group(1)));
            }
            Matcher section = SECTION.matcher(line);
            if (!section.matches()) {
                if (line.startsWith("## ") && line.substring(3).strip().startsWith("Step")) {
                    problems.add("\"" + line + "\" is not a heading the hints understand: write \"## Step N\""
                            + " or \"## Step N (CheckClassName)\"");
                }
                i++;
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("## ")) {
                end++;
            }
            Ladder ladder = ladder(Integer.parseInt(section.group(1)), section.group(2), lines.subList(i + 1, end),
                    problems);
            if (ladders.stream().anyMatch(l -> l.heading().equals(ladder.heading()))) {
                problems.add("## " + ladder.heading() + " appears twice");
            } else {
                ladders.add(ladder);
            }
            i = end;
        }
        return new HintsFile(number, ladders, problems);
    }

    /** One section's levels; a section without "### N" headings is one level (the older format). */
    private static Ladder ladder(int step, String checkClass, List<String> body, List<String> problems) {
        String where = "## Step " + step + (checkClass == null ? "" : " (" + checkClass + ")");
        List<Integer> numbers = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String beforeFirstLevel = null;
        for (String line : body) {
            Matcher level = LEVEL.matcher(line);
            if (level.matches()) {
                if (numbers.isEmpty()) {
                    beforeFirstLevel = tidy(text.toString());
                } else {
                    levels.add(tidy(text.toString()));
                }
                numbers.add(Integer.parseInt(level.group(1)));
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        if (numbers.isEmpty()) {
            problems.add(where + " has no levels: give it \"### 1\", \"### 2\" and \"### 3\"");
            return new Ladder(step, checkClass, List.of(tidy(text.toString())));
        }
        levels.add(tidy(text.toString()));
        if (!beforeFirstLevel.isEmpty()) {
            problems.add(where + " has text before \"### 1\": move it into a level");
        }
        if (!numbers.equals(List.of(1, 2, 3))) {
            problems.add(where + " has levels " + numbers + ": it needs exactly ### 1, ### 2 and ### 3, in that order");
        }
        for (int n = 0; n < levels.size(); n++) {
            if (levels.get(n).isEmpty()) {
                problems.add(where + ", level " + numbers.get(n) + " is empty");
            }
        }
        return new Ladder(step, checkClass, levels);
    }

    private static String tidy(String body) {
        return body.strip().replaceAll("\n{3,}", "\n\n");
    }

    /** "01" from the title "# Hints for lesson 01: ...", if the file has such a title. */
    public Optional<String> lessonNumber() {
        return Optional.ofNullable(lessonNumber);
    }

    public List<Ladder> ladders() {
        return ladders;
    }

    /** The ladder for a check of {@code step} in {@code checkClass}: the class's own section first, else the step's. */
    public Optional<Ladder> ladder(int step, String checkClass) {
        Optional<Ladder> own = ladders.stream()
                .filter(l -> l.step() == step && l.checkClass() != null && l.checkClass().equals(checkClass))
                .findFirst();
        return own.or(() -> ladders.stream().filter(l -> l.step() == step && l.checkClass() == null).findFirst());
    }

    /** The ladder by its heading ("Step 3" or "Step 3 (ChatServerTest)"). */
    public Optional<Ladder> ladder(String heading) {
        return ladders.stream().filter(l -> l.heading().equals(heading)).findFirst();
    }

    /** Level 1 for a check of {@code step} in {@code checkClass}: what a failing check prints. */
    public Optional<String> firstLevel(int step, String checkClass) {
        return ladder(step, checkClass).map(l -> l.level(1));
    }

    /** What keeps this file from being a proper ladder of three non-empty levels for every section; empty if none. */
    public List<String> problems() {
        return problems;
    }
}
