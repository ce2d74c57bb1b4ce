package workbook.course;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One check's outcome, as Surefire recorded it.
 *
 * @param suite   the check class's display name, such as "Lesson 01 · UpperServer (steps 1 to 5)"
 * @param name    the check's display name, such as "Step 3: three clients, one after another, are all served"
 * @param message the failure message (empty if it passed)
 * @param checkClass the check class's simple name, such as "UpperServerTest" (empty if not known)
 */
public record CheckResult(String suite, String name, Status status, String message, String checkClass) {

    public CheckResult(String suite, String name, Status status, String message) {
        this(suite, name, status, message, "");
    }

    /** How a check ended. */
    public enum Status {
        PASSED, FAILED, ERROR, SKIPPED;

        public boolean isProblem() {
            return this == FAILED || this == ERROR;
        }
    }

    private static final Pattern STEP = Pattern.compile("^Step (\\d+):");

    /** The step the check belongs to ("Step N: ..."), or -1 if its name does not say. */
    public int step() {
        Matcher m = STEP.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The first line of the failure that says something (the report's own title line skipped). */
    public String firstLineOfMessage() {
        return message.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.endsWith("— FAILED"))
                .findFirst().orElse("");
    }
}
