package workbook.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The watcher of {@code ./watch}: checks the lesson once, then again after every save in its sources, each
 * time replacing the previous screen (the terminal is cleared only when the output is one).
 *
 * <p>Saves are noticed by looking at the files' sizes and modification times every {@value #POLL_MILLIS} ms:
 * that works the same on every system and every editor (those that save through a temporary file too),
 * and costs nothing for a lesson's handful of files. A save while the checks run leads to one more run.
 */
public final class WatchLoop {

    static final long POLL_MILLIS = 100;
    /** After a change, wait until the files stay the same this long: an editor may write a file in parts. */
    static final long SETTLE_MILLIS = 50;
    private static final String CLEAR = "\u001b[H\u001b[2J\u001b[3J";

    /** One check of the lesson: the screen to show. */
    @FunctionalInterface
    interface Check {
        String screen() throws Exception;
    }

    private final Path sources;
    private final Check check;
    private final PrintStream out;
    private final boolean clear;
    private int runs;

    WatchLoop(Path sources, Check check, PrintStream out, boolean clear) {
        this.sources = sources;
        this.check = check;
        this.out = out;
        this.clear = clear;
    }

    /** Checks now, then after every change, while {@code going} says so. */
    void run(BooleanSupplier going) throws InterruptedException {
        Map<Path, List<Long>> seen = snapshot(sources);
        show();
        while (going.getAsBoolean()) {
            Thread.sleep(POLL_MILLIS);
            Map<Path, List<Long>> now = snapshot(sources);
            if (now.equals(seen)) {
                continue;
            }
            do { // let the save finish
                seen = now;
                Thread.sleep(SETTLE_MILLIS);
                now = snapshot(sources);
            } while (!now.equals(seen) && going.getAsBoolean());
            out.println();
            out.println("Checking again ...");
            show();
        }
    }

    /** How many times the lesson was checked. */
    int runs() {
        return runs;
    }

    private void show() {
        String screen;
        try {
            screen = check.screen();
        } catch (Exception | LinkageError e) {
            screen = "The checks could not run: " + e + "\n";
        }
        runs++;
        if (clear) {
            out.print(CLEAR);
        } else {
            out.println("=".repeat(100));
        }
        out.print(screen);
        out.flush();
    }

    /** Every file under {@code dir} with its size and modification time. */
    static Map<Path, List<Long>> snapshot(Path dir) {
        Map<Path, List<Long>> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    files.put(f, List.of(Files.size(f), Files.getLastModifiedTime(f).toMillis()));
                } catch (IOException gone) {
                    // deleted while we looked: the next look sees it gone
                }
            });
        } catch (IOException | java.io.UncheckedIOException changing) {
            // a folder went away while we walked it: the next look is complete
        }
        return files;
    }

    /** Run by {@link Watch} on a JDK 21+: {@code WatchLoop ROOT lessonNN SOURCES}. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        WatchSetup setup = new WatchSetup(root, args[1]);
        Lesson lesson = new Lesson(args[1], setup.lessonDir());
        Path sources = Path.of(args[2]);
        LessonRunner runner = new LessonRunner(setup.lessonDir(), sources, setup.read());
        Terminal terminal = Terminal.detect();
        PrintStream screen = System.out; // the checks' own output goes to target/watch/output.txt
        System.out.println("Checking " + lesson.id() + " ...");
        new WatchLoop(sources, () -> WatchScreen.render(lesson, runner.check(), LocalTime.now(), terminal), screen,
                terminal.canClear()).run(() -> true);
    }
}
