package workbook.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code ./watch} needs from Maven, asked once and cached in {@code target/watch/}: the lesson's test
 * classpath (JUnit, AssertJ, the testkit, the lesson's libraries) and the course tools' own (the JUnit
 * Platform launcher). Maven is asked again when a POM or the shared machinery changed, or the cache is gone.
 *
 * <p>The Maven call compiles the testkit and the course tools but not the lesson (its sources are pointed
 * at an empty folder), so it works while the student's code does not compile.
 */
final class WatchSetup {

    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";

    private final Path root;
    private final String lessonId;

    WatchSetup(Path root, String lessonId) {
        this.root = root.toAbsolutePath().normalize();
        this.lessonId = lessonId;
    }

    Path lessonDir() {
        return root.resolve("exercises").resolve(lessonId);
    }

    Path courseClasses() {
        return root.resolve("exercises/course/target/classes");
    }

    private List<Path> cacheFiles() {
        return List.of(lessonDir().resolve("target/watch/classpath.txt"),
                root.resolve("exercises/course/target/watch/classpath.txt"));
    }

    /** The Maven command that writes the cache (run in the workbook's root). */
    List<String> mavenCommand(boolean windows) {
        List<String> command = new ArrayList<>(windows ? List.of("cmd", "/c", "mvnw.cmd") : List.of("./mvnw"));
        command.addAll(List.of("-q", "-B", "-f", "exercises/pom.xml", "-pl", lessonId,
                "-Dlesson.main=" + lessonDir().resolve("target/watch/no-sources"),
                "compile", DEPENDENCY_PLUGIN, "-Dmdep.outputFile=target/watch/classpath.txt", "-Dmdep.includeScope=test"));
        return command;
    }

    /** True if the cache is missing, names something that is gone, or is older than a POM or the shared machinery. */
    boolean stale() throws IOException {
        for (Path file : cacheFiles()) {
            if (!Files.isRegularFile(file)) {
                return true;
            }
        }
        if (read().stream().anyMatch(p -> !Files.exists(p)) || !Files.isDirectory(courseClasses())) {
            return true;
        }
        FileTime cached = cacheFiles().stream().map(WatchSetup::modified).min(FileTime::compareTo).orElseThrow();
        List<Path> inputs = new ArrayList<>(List.of(root.resolve("pom.xml"), root.resolve("exercises/pom.xml"),
                lessonDir().resolve("pom.xml"), root.resolve("exercises/testkit/pom.xml"),
                root.resolve("exercises/course/pom.xml")));
        for (String tree : List.of("exercises/testkit/src/main", "exercises/course/src/main")) {
            if (Files.isDirectory(root.resolve(tree))) {
                try (Stream<Path> walk = Files.walk(root.resolve(tree))) {
                    walk.filter(Files::isRegularFile).forEach(inputs::add);
                }
            }
        }
        return inputs.stream().filter(Files::exists).anyMatch(p -> modified(p).compareTo(cached) > 0);
    }

    /** Asks Maven for the classpath if the cache is stale; false (Maven's output shown) if Maven failed. */
    boolean ensure() throws IOException, InterruptedException {
        if (!stale()) {
            return true;
        }
        System.out.println("Asking Maven once for " + lessonId + "'s test classpath (cached in exercises/" + lessonId
                + "/target/watch/) ...");
        Files.createDirectories(lessonDir().resolve("target/watch/no-sources"));
        for (Path file : cacheFiles()) {
            Files.deleteIfExists(file); // the plugin leaves an unchanged file alone: its age would still say stale
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Process maven = new ProcessBuilder(mavenCommand(windows)).directory(root.toFile()).inheritIO().start();
        return maven.waitFor() == 0 && !stale();
    }

    /** Every entry of the cached classpaths, without repeats, the lesson's first. */
    List<Path> read() throws IOException {
        Set<Path> entries = new LinkedHashSet<>();
        for (Path file : cacheFiles()) {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                for (String entry : text.split(java.io.File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(Path.of(entry.strip()).toAbsolutePath().normalize());
                    }
                }
            }
        }
        return new ArrayList<>(entries);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
