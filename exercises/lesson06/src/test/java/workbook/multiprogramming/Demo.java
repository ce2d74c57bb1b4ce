package workbook.multiprogramming;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@link SchedulerDemo} once with arguments, capturing what it prints (line ends made "\n", see {@link #normalise}). */
record Demo(int code, String out, String err) {

    static Demo run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchedulerDemo.run(List.of(args), print(out), print(err));
        return new Demo(code, text(out), text(err));
    }

    /** The first line the demo printed on standard error, or "" if none. */
    String firstErrorLine() {
        return err.lines().findFirst().orElse("");
    }

    static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    /** Programs end lines with the platform's separator ("\r\n" on Windows); the checks compare with "\n". */
    static String text(ByteArrayOutputStream bytes) {
        return normalise(bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Line ends made "\n": "\r\n" (Windows) and a lone "\r" (what {@code -Dline.separator=$(printf '\r\n')}
     * really sets, since the shell drops the command's trailing new line).
     */
    static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
