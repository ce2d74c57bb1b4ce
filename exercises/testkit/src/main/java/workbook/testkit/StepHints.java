package workbook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import workbook.course.HintsFile;

/**
 * Turns a failed check into a lesson: the step's name, the failure, the fixtures' notes (proxy seed,
 * server state) and level 1 of the step's hint ladder, with the command that shows the next level.
 *
 * <p>Hints live next to the checks, in {@code src/test/resources/hints.md}: a ladder of three levels per
 * step, and optionally a ladder for one check class ({@code ## Step 3 (ChatServerTest)}) that replaces the
 * step's own for that class's checks (see {@link HintsFile}):
 * <pre>
 * # Hints for lesson 01: TCP basics
 * ## Step 3
 * ### 1
 * A nudge ...
 * ### 2
 * ...
 * </pre>
 * A check belongs to step N through its tag {@code step:N}. Only level 1 is printed, and only when the
 * check fails; {@code ./hint lessonNN N} shows the next levels.
 */
public final class StepHints implements TestExecutionExceptionHandler, AfterEachCallback {

    private static final String HINTS = "hints.md";
    private static final Pattern LESSON_IN_PATH = Pattern.compile(".*[/\\\\](lesson\\d\\d)[/\\\\]");

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        StringBuilder message = new StringBuilder();
        message.append(context.getDisplayName()).append(" — FAILED\n\n");
        message.append(failure instanceof AssertionError
                ? String.valueOf(failure.getMessage()).strip()
                : "The check stopped with an unexpected " + failure);
        for (String note : Diagnostics.atFailure()) {
            if (message.indexOf(note) < 0) { // an assertion may have said it already
                message.append("\n\n").append(note);
            }
        }
        Optional<Integer> step = stepOf(context);
        if (step.isPresent()) {
            Lessons lesson = hints(context);
            hint(lesson.hints(), step.get(), context.getRequiredTestClass())
                    .ifPresent(ladder -> message.append("\n\n").append(firstLevel(ladder, lesson.id())));
        }
        throw rewrap(failure, message.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Diagnostics.clear();
    }

    /** "Hint (step 3, level 1 of 3):", the hint indented, then how to get level 2. */
    static String firstLevel(HintsFile.Ladder ladder, String lessonId) {
        int levels = ladder.levels().size();
        String text = "Hint (step " + ladder.step() + (levels > 1 ? ", level 1 of " + levels : "") + "):\n"
                + Bytes.indent(ladder.level(1)).stripTrailing();
        return levels > 1 ? text + "\n" + HintsFile.moreHelp(lessonId, ladder.step()) : text;
    }

    /** The ladder for a check of {@code step} in {@code checks}: its own class's (or an enclosing class's) first. */
    static Optional<HintsFile.Ladder> hint(HintsFile hints, int step, Class<?> checks) {
        for (Class<?> c = checks; c != null; c = c.getEnclosingClass()) {
            String name = c.getSimpleName();
            Optional<HintsFile.Ladder> own = hints.ladders().stream()
                    .filter(l -> l.step() == step && name.equals(l.checkClass())).findFirst();
            if (own.isPresent()) {
                return own;
            }
        }
        return hints.ladder(step, null);
    }

    /** Keeps the failure's type (so IDEs still offer their expected/actual diff) with the richer message. */
    private static Throwable rewrap(Throwable failure, String message) {
        Throwable rich;
        if (failure instanceof AssertionFailedError afe && afe.isExpectedDefined() && afe.isActualDefined()) {
            rich = new AssertionFailedError(message, afe.getExpected().getValue(), afe.getActual().getValue());
        } else if (failure instanceof AssertionError) {
            rich = new AssertionFailedError(message);
        } else {
            return new AssertionFailedError(message, failure);
        }
        rich.setStackTrace(failure.getStackTrace());
        return rich;
    }

    private static Optional<Integer> stepOf(ExtensionContext context) {
        return context.getTags().stream()
                .filter(tag -> tag.startsWith("step:"))
                .map(tag -> Integer.parseInt(tag.substring("step:".length())))
                .findFirst();
    }

    /** A lesson's hints and its id ("lesson01"), for the command that shows the next level. */
    record Lessons(HintsFile hints, String id) {
    }

    /** The hints of this lesson, read once per run. */
    private static Lessons hints(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(StepHints.class));
        return store.getOrComputeIfAbsent(HINTS, key -> read(context.getRequiredTestClass()), Lessons.class);
    }

    static Lessons read(Class<?> checks) {
        URL url = checks.getClassLoader().getResource(HINTS);
        if (url == null) {
            return new Lessons(HintsFile.parse(""), lessonId(HintsFile.parse(""), null));
        }
        try (InputStream in = url.openStream()) {
            HintsFile hints = HintsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new Lessons(hints, lessonId(hints, url.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + HINTS, e);
        }
    }

    /**
     * "lesson01": from the hints file's title ("# Hints for lesson 01: ..."), else from where the file was
     * found (.../lesson01/target/test-classes/hints.md), else from the working directory (Maven runs the
     * checks in the lesson's folder), else a placeholder.
     */
    static String lessonId(HintsFile hints, String location) {
        if (hints.lessonNumber().isPresent()) {
            return "lesson" + hints.lessonNumber().get();
        }
        for (String place : new String[] {location, System.getProperty("user.dir", "") + "/"}) {
            Matcher m = place == null ? null : LESSON_IN_PATH.matcher(place);
            if (m != null && m.lookingAt()) {
                return m.group(1);
            }
        }
        return "lessonNN";
    }
}
