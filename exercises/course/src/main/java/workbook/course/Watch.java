package workbook.course;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./watch lessonNN}: re-runs a lesson's checks on every save and shows a short verdict.
 *
 * <p>This part runs on any Java 17+: it asks Maven once for the lesson's test classpath ({@link WatchSetup}),
 * finds a JDK 21+ ({@link Jdks}), and starts the watcher itself ({@link WatchLoop}) on it, handing it the
 * terminal. Usage: {@code Watch lessonNN [--sources DIR]} (DIR: the sources to check instead of the starter's
 * {@code src/main/java}, e.g. the reference solution), run in the workbook's root.
 */
public final class Watch {

    private Watch() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || !args[0].matches("lesson\\d\\d")) {
            System.err.println("usage: watch lessonNN   (e.g. ./watch lesson01; Ctrl-C stops)");
            System.exit(2);
        }
        String lessonId = args[0];
        Path root = Path.of(".").toAbsolutePath().normalize();
        WatchSetup setup = new WatchSetup(root, lessonId);
        if (!Files.isDirectory(setup.lessonDir())) {
            System.err.println("There is no lesson " + lessonId + " in exercises/.");
            System.exit(2);
        }
        Path sources = args.length >= 3 && args[1].equals("--sources") ? Path.of(args[2]).toAbsolutePath()
                : setup.lessonDir().resolve("src/main/java");
        if (!setup.ensure()) {
            System.err.println("Maven could not prepare " + lessonId + " (see above). Fix that, then run ./watch again.");
            System.exit(1);
        }
        Optional<Path> java = Jdks.java(21, System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of(System.getProperty("java.home")));
        if (java.isEmpty()) {
            System.err.println("./watch needs a JDK 21 or newer, like the lessons: set JAVA_HOME to one"
                    + " (see the README, Troubleshooting).");
            System.exit(1);
        }
        List<String> classpath = new ArrayList<>(List.of(setup.courseClasses().toString()));
        for (Path entry : setup.read()) {
            if (Files.isRegularFile(entry)) { // the libraries: loaded once; the folders are reloaded on every run
                classpath.add(entry.toString());
            }
        }
        List<String> command = new ArrayList<>(List.of(java.get().toString(), "-cp",
                String.join(File.pathSeparator, classpath), WatchLoop.class.getName(), root.toString(), lessonId,
                sources.toString()));
        Process watcher = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(watcher::destroy));
        System.exit(watcher.waitFor());
    }
}
