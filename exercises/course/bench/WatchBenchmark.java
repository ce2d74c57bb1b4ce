import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measures ./watch's save-to-verdict time: starts ./watch on a lesson, waits for its first verdict, then
 * "saves" a source file N times (writes it again, unchanged, with a new modification time) and measures the
 * time from each save to the end of the next verdict screen. Not a test: a benchmark, run by hand.
 *
 *   java exercises/course/bench/WatchBenchmark.java lesson01 [SAVES] [--solution]
 *
 * --solution watches the reference solution (every check passes) instead of the starter (whose failing
 * checks wait for replies that never come, a few seconds of the verdict). Run from the workbook's root.
 */
public class WatchBenchmark {

    public static void main(String[] args) throws Exception {
        String lesson = args.length > 0 ? args[0] : "lesson01";
        int saves = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        boolean solution = List.of(args).contains("--solution");
        Path sources = Path.of(solution ? "solutions" : "exercises", lesson, "src/main/java").toAbsolutePath();
        Path file;
        try (var walk = Files.walk(sources)) {
            file = walk.filter(f -> f.toString().endsWith(".java")).sorted().findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(List.of("./watch", lesson));
        if (solution) {
            command.addAll(List.of("--sources", sources.toString()));
        }
        Process watch = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<Long> verdicts = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("Watching ")) {
                        verdicts.add(System.nanoTime());
                    } else if (line.contains("checked at") || line.contains("FAILED  ") || line.contains("passed  ")) {
                        System.out.println("  | " + line);
                    }
                }
            } catch (Exception ignored) {
                // the watcher ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            if (verdicts.poll(10, TimeUnit.MINUTES) == null) {
                throw new IllegalStateException("./watch gave no first verdict");
            }
            byte[] content = Files.readAllBytes(file);
            List<Double> seconds = new ArrayList<>();
            for (int i = 1; i <= saves; i++) {
                Thread.sleep(2000); // the student reads the screen, then saves again
                long saved = System.nanoTime();
                Files.write(file, content);
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
                Long done = verdicts.poll(2, TimeUnit.MINUTES);
                if (done == null) {
                    throw new IllegalStateException("no verdict after save " + i);
                }
                seconds.add((done - saved) / 1e9);
                System.out.printf(Locale.ROOT, "save %d: verdict after %.2f s%n", i, seconds.get(i - 1));
            }
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            System.out.printf(Locale.ROOT, "%s (%s), %d saves of %s: median %.2f s, min %.2f s, max %.2f s%n", lesson,
                    solution ? "reference solution" : "starter", saves, file.getFileName(), median, sorted.get(0),
                    sorted.get(sorted.size() - 1));
        } finally {
            watch.descendants().forEach(ProcessHandle::destroy);
            watch.destroy();
        }
    }
}
