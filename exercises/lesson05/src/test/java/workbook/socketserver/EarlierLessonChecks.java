package workbook.socketserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an earlier lesson's check class (compiled into these test sources) through the JUnit Platform
 * Launcher, with the same settings as every run, and reports its outcome in lesson 05's words.
 *
 * <p>The earlier checks keep their own names ("Step 3: ...") inside the run; lesson 05 reports them
 * as "lesson 01's step-3 check", so that nobody takes them for lesson 05's steps.
 */
final class EarlierLessonChecks {

    /** One earlier check that failed: its name in lesson 05's words, and its message without the earlier lesson's hint. */
    record Failure(String check, String message) {
    }

    /** How many of the earlier checks ran, and which failed. */
    record Outcome(int run, List<Failure> failures) {

        /** A failure report: one paragraph per failed check. */
        String report(String subject) {
            StringBuilder s = new StringBuilder(subject + " failed " + failures.size() + " of the " + run + " checks:");
            for (Failure f : failures) {
                s.append("\n\n- ").append(f.check()).append(":\n").append(f.message().indent(4).stripTrailing());
            }
            return s.toString();
        }
    }

    private static final Pattern STEP = Pattern.compile("^Step (\\d+): (.*)$");

    private EarlierLessonChecks() {
    }

    /** Runs every check of {@code className} and returns the outcome; {@code lesson} names it, e.g. "lesson 01". */
    static Outcome run(String className, String lesson) {
        // The step order and timeouts come from the testkit's junit-platform.properties, as in every run.
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(className))
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        List<Failure> failures = new ArrayList<>();
        int[] run = {0};
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                run[0]++;
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    String message = result.getThrowable().map(String::valueOf).orElse("(no message)");
                    failures.add(new Failure(rename(test.getDisplayName(), lesson), withoutHint(message)));
                }
            }
        });
        return new Outcome(run[0], failures);
    }

    /** "Step 4: a client that resets..." becomes "lesson 01's step-4 check \"a client that resets...\"". */
    private static String rename(String displayName, String lesson) {
        Matcher m = STEP.matcher(displayName);
        return m.matches() ? lesson + "'s step-" + m.group(1) + " check \"" + m.group(2) + "\""
                : lesson + "'s check \"" + displayName + "\"";
    }

    /** Cuts the earlier step's name and hint out of a failure message: lesson 05 prints its own hint. */
    private static String withoutHint(String message) {
        int hint = message.indexOf("\n\nHint (step");
        String body = hint < 0 ? message : message.substring(0, hint);
        int failed = body.indexOf(" — FAILED\n\n");
        return failed < 0 ? body : body.substring(failed + " — FAILED\n\n".length());
    }
}
