package workbook.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * {@code ./hint lessonNN [STEP] [--all]}: the next level of a step's hint ladder.
 *
 * <p>Without STEP, the step of the first failing check of the last run (read from the Surefire reports,
 * so the checks are not run again and no network is needed). A failing check already printed level 1,
 * so the first {@code ./hint} shows level 2, the next one level 3. What was shown is remembered in
 * {@code exercises/lessonNN/target/hints-opened.txt} ({@link HintRecord}). {@code --all} shows every level.
 */
public final class Hint {

    /** What the student asked for. */
    record Request(String lessonId, Integer step, boolean all) {

        static Optional<Request> parse(String... args) {
            String lesson = null;
            Integer step = null;
            boolean all = false;
            for (String arg : args) {
                if (arg.equals("--all")) {
                    all = true;
                } else if (arg.matches("lesson\\d\\d") && lesson == null) {
                    lesson = arg;
                } else if (arg.matches("\\d{1,3}") && step == null) {
                    step = Integer.valueOf(arg);
                } else {
                    return Optional.empty();
                }
            }
            return lesson == null ? Optional.empty() : Optional.of(new Request(lesson, step, all));
        }
    }

    private Hint() {
    }

    public static void main(String[] args) throws IOException {
        Optional<Request> request = Request.parse(args);
        if (request.isEmpty()) {
            System.err.println("usage: hint lessonNN [STEP] [--all]   (e.g. ./hint lesson01, ./hint lesson01 3)");
            System.exit(2);
        }
        Path dir = Path.of("exercises").resolve(request.get().lessonId());
        if (!Files.isDirectory(dir)) {
            System.err.println("There is no lesson " + request.get().lessonId() + " in exercises/.");
            System.exit(2);
        }
        System.out.print(show(new Lesson(request.get().lessonId(), dir), request.get(), Terminal.detect(), windows()));
    }

    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The text to print for a request, recording the levels it shows. */
    static String show(Lesson lesson, Request request, Terminal t, boolean windows) throws IOException {
        String command = (windows ? "hint.cmd " : "./hint ") + lesson.id();
        List<CheckResult> results = lesson.results();
        HintsFile hints = lesson.hints();
        if (hints.ladders().isEmpty()) {
            return "Lesson " + lesson.number() + " has no hints (src/test/resources/hints.md).\n";
        }
        CheckResult failing;
        int step;
        if (request.step() != null) {
            step = request.step();
            failing = results.stream().filter(r -> r.step() == step && r.status().isProblem()).findFirst().orElse(null);
        } else {
            Optional<CheckResult> first = results.stream().filter(r -> r.status().isProblem() && r.step() >= 0)
                    .min(Comparator.comparingInt(CheckResult::step));
            if (results.isEmpty()) {
                return "No check results for " + lesson.id() + " yet: run its checks first (./watch " + lesson.id()
                        + ", or: cd exercises && mvn test -pl " + lesson.id() + ").\n"
                        + "The hints of one step: " + command + " STEP\n";
            }
            if (first.isEmpty()) {
                return t.green("Every step of " + lesson.id() + " passed in the last run.") + " The hints of one step: "
                        + command + " STEP\n";
            }
            failing = first.get();
            step = failing.step();
        }
        Optional<HintsFile.Ladder> found = hints.ladder(step, failing == null ? null : failing.checkClass());
        if (found.isEmpty()) {
            found = hints.ladders().stream().filter(l -> l.step() == step).findFirst();
        }
        if (found.isEmpty()) {
            return "Lesson " + lesson.number() + " has no hints for step " + step + ".\n";
        }
        HintsFile.Ladder ladder = found.get();
        HintRecord record = lesson.hintRecord();
        int size = ladder.levels().size();
        // A failing check printed level 1 already; a step that is not failing starts from the first level.
        int seen = Math.max(record.highest(ladder.heading()), failing == null ? 0 : 1);
        List<Integer> levels = request.all() ? IntStream.rangeClosed(1, size).boxed().toList()
                : List.of(Math.min(seen + 1, size));
        record.record(ladder.heading(), new TreeSet<>(levels));

        StringBuilder out = new StringBuilder("\n");
        if (failing != null) {
            out.append(t.bold("Lesson " + lesson.number() + ", " + failing.name())).append('\n');
            out.append("  ").append(t.dim(failing.firstLineOfMessage())).append("\n\n");
        }
        for (int level : levels) {
            String which = size == 1 ? "" : ", level " + level + " of " + size + " (" + HintsFile.levelName(level) + ")";
            out.append(t.bold("Hint for " + ladder.heading().toLowerCase(Locale.ROOT) + which + ":")).append('\n');
            ladder.level(level).lines().forEach(line -> out.append(line.isEmpty() ? "" : "    " + line).append('\n'));
            out.append('\n');
        }
        int last = levels.get(levels.size() - 1);
        if (last < size) {
            out.append("Level ").append(last + 1).append(" (").append(HintsFile.levelName(last + 1)).append("): ")
                    .append(command).append(' ').append(step).append('\n');
        } else if (size == 1) {
            out.append("This step has one hint only, for now.\n");
        } else {
            if (!request.all() && seen >= size) {
                out.append("(You have seen every level of this step.) ");
            }
            out.append("That is the last level. Still stuck? Re-read the section of the lesson this step links,\n"
                    + "or run " + (windows ? "watch.cmd " : "./watch ") + lesson.id() + " and try one small change at a time.\n");
        }
        return out.toString();
    }

    /** The levels a lesson's record says were shown, for tests and tools. */
    static Set<Integer> shown(Lesson lesson, String heading) throws IOException {
        return lesson.hintRecord().shown().getOrDefault(heading, Set.of());
    }
}
