package workbook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import workbook.course.HintsFile;

/**
 * Turns a failed check into a lesson: the step's name, the failure, the fixtures' notes (proxy seed,
 * server state) and the step's hint.
 *
 * <p>Hints live next to the checks, in {@code src/test/resources/hints.md}, one section per step:
 * <pre>
 * ## Step 3
 * A server is two loops ...
 * </pre>
 * A check belongs to step N through its tag {@code step:N}. The hint is printed only when the
 * step fails; a passing step stays quiet.
 */
public final class StepHints implements TestExecutionExceptionHandler, AfterEachCallback {

    private static final String HINTS = "hints.md";

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
        Optional<String> hint = step.flatMap(n -> hint(context, n));
        if (hint.isPresent()) {
            message.append("\n\nHint (step ").append(step.get()).append("):\n").append(Bytes.indent(hint.get()));
        }
        throw rewrap(failure, message.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Diagnostics.clear();
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

    private static Optional<String> hint(ExtensionContext context, int step) {
        return Optional.ofNullable(hints(context).get(step));
    }

    /** The hints of this lesson, by step, read once per test class. */
    @SuppressWarnings("unchecked")
    private static Map<Integer, String> hints(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(StepHints.class));
        return store.getOrComputeIfAbsent(HINTS, key -> read(context.getRequiredTestClass()), Map.class);
    }

    static Map<Integer, String> read(Class<?> checks) {
        try (InputStream in = checks.getClassLoader().getResourceAsStream(HINTS)) {
            return in == null ? Map.of() : HintsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not read " + HINTS, e);
        }
    }
}
