package workbook.course;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson's hints file ({@code src/test/resources/hints.md}): one {@code ## Step N} section per step.
 *
 * <pre>
 * ## Step 3
 * A server is two loops ...
 * </pre>
 * Read by the checks (to print the hint of a failing step) and by the progress table.
 */
public final class HintsFile {

    private static final Pattern HEADING = Pattern.compile("^## Step (\\d+)\\s*$", Pattern.MULTILINE);

    private HintsFile() {
    }

    /** The hint text of each step, by step number, in the order of the file. */
    public static Map<Integer, String> parse(String markdown) {
        Map<Integer, String> hints = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(markdown);
        int step = -1;
        int bodyStart = 0;
        while (m.find()) {
            if (step >= 0) {
                hints.put(step, tidy(markdown.substring(bodyStart, m.start())));
            }
            step = Integer.parseInt(m.group(1));
            bodyStart = m.end();
        }
        if (step >= 0) {
            hints.put(step, tidy(markdown.substring(bodyStart)));
        }
        return hints;
    }

    private static String tidy(String body) {
        return body.strip().replaceAll("\n{3,}", "\n\n");
    }
}
