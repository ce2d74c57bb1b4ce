package workbook.course;

import static org.junit.platform.engine.discovery.ClassNameFilter.STANDARD_INCLUDE_PATTERN;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Compiles a lesson's code and runs its checks inside this (warm) process, for {@code ./watch}.
 *
 * <p>The compiler and the libraries (JUnit, AssertJ, ...) stay loaded between runs; the student's classes,
 * the checks and the testkit are loaded by a fresh class loader each run, so every run starts from the code
 * as saved and from fresh fixtures. Everything goes to {@code exercises/lessonNN/target/watch/}: the classes,
 * and what the programs printed during the last run ({@code output.txt}). The results of the student's own
 * code ({@code src/main/java}) are also written as Surefire reports ({@link ReportXml}), for {@code ./hint}.
 * Needs a JDK 21+ (the lessons' release).
 */
final class LessonRunner {

    private final Path lessonDir;
    private final Path sources;
    private final Path work;
    private final List<Path> libraries = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files;
    private FileTime checksCompiled;

    /** {@code classpath}: the lesson's test classpath (jars and the testkit's and course tools' class folders). */
    LessonRunner(Path lessonDir, Path sources, List<Path> classpath) {
        this.lessonDir = lessonDir;
        this.sources = sources;
        this.work = lessonDir.resolve("target/watch");
        for (Path entry : classpath) {
            (Files.isDirectory(entry) ? folders : libraries).add(entry);
        }
        if (javac == null) {
            throw new IllegalStateException("./watch needs a JDK (with javac), not only a Java runtime");
        }
        this.files = javac.getStandardFileManager(null, Locale.ENGLISH, StandardCharsets.UTF_8);
    }

    /** Compiles and checks the code as it is now. */
    Verdict check() throws IOException {
        long start = System.nanoTime();
        Path classes = work.resolve("classes");
        Path checks = work.resolve("test-classes");
        List<String> errors = compile(sources, classes, List.of());
        if (errors.isEmpty() && checksAreStale(checks)) {
            errors = compile(lessonDir.resolve("src/test/java"), checks, List.of(classes));
            checksCompiled = errors.isEmpty() ? FileTime.fromMillis(System.currentTimeMillis()) : null;
        }
        Duration compiling = Duration.ofNanos(System.nanoTime() - start);
        if (!errors.isEmpty()) {
            return new Verdict(List.of(), errors, compiling, compiling);
        }
        Map<String, List<CheckResult>> byClass = run(classes, checks);
        List<CheckResult> results = byClass.values().stream().flatMap(List::stream).toList();
        if (sources.toAbsolutePath().normalize().equals(lessonDir.resolve("src/main/java").toAbsolutePath().normalize())) {
            ReportXml.write(lessonDir.resolve("target/surefire-reports"), byClass); // the student's own results only
        }
        return new Verdict(results, List.of(), Duration.ofNanos(System.nanoTime() - start), compiling);
    }

    /** The checks are compiled once, and again when their sources change or their last compilation failed. */
    private boolean checksAreStale(Path checks) throws IOException {
        if (checksCompiled == null || !Files.isDirectory(checks)) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(lessonDir.resolve("src/test/java"))) {
            return walk.anyMatch(f -> modified(f).compareTo(checksCompiled) > 0);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /** Compiles every .java under {@code from} into a fresh {@code to}; the errors, empty if it compiled. */
    private List<String> compile(Path from, Path to, List<Path> extraClasspath) throws IOException {
        deleteTree(to);
        Files.createDirectories(to);
        List<File> javaFiles;
        try (Stream<Path> walk = Files.isDirectory(from) ? Files.walk(from) : Stream.empty()) {
            javaFiles = walk.filter(f -> f.toString().endsWith(".java")).sorted().map(Path::toFile).toList();
        }
        if (javaFiles.isEmpty()) {
            return List.of("There is no .java file in " + from);
        }
        List<Path> classpath = new ArrayList<>(extraClasspath);
        classpath.addAll(folders);
        classpath.addAll(libraries);
        List<String> options = List.of("-d", to.toString(), "-cp", join(classpath), "--release", "21", "-encoding",
                "UTF-8", "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(javaFiles);
        boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(describe(d));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("The compiler failed without saying why.");
        }
        return errors;
    }

    /** "UpperServer.java:42: ';' expected", then the line and a caret under the spot. */
    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString();
        StringBuilder s = new StringBuilder(file).append(':').append(d.getLineNumber()).append(": ")
                .append(d.getMessage(Locale.ENGLISH).lines().findFirst().orElse(""));
        if (d.getSource() != null && d.getLineNumber() > 0) {
            try {
                List<String> lines = Files.readAllLines(Path.of(d.getSource().toUri()), StandardCharsets.UTF_8);
                String line = lines.get((int) d.getLineNumber() - 1);
                s.append("\n    ").append(line.stripTrailing());
                if (d.getColumnNumber() > 0) {
                    s.append("\n    ").append(" ".repeat((int) d.getColumnNumber() - 1)).append('^');
                }
            } catch (IOException | IndexOutOfBoundsException ignored) {
                // the message alone says enough
            }
        }
        return s.toString();
    }

    /** Runs the checks in a fresh class loader; their outcomes by check class (full name), in the order they ran. */
    private Map<String, List<CheckResult>> run(Path classes, Path checks) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path p : List.of(classes, checks, lessonDir.resolve("src/main/resources"), lessonDir.resolve("src/test/resources"))) {
            if (Files.isDirectory(p)) {
                urls.add(url(p));
            }
        }
        for (Path folder : folders) {
            urls.add(url(folder));
        }
        Collector collector = new Collector();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
                PrintStream programs = new PrintStream(new FileOutputStream(work.resolve("output.txt").toFile()), true,
                        StandardCharsets.UTF_8)) {
            thread.setContextClassLoader(loader);
            System.setOut(programs); // the servers' log lines and the checks' notes, as Surefire's -output.txt
            System.setErr(programs);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(Set.of(checks)))
                    .filters(includeClassNamePatterns(STANDARD_INCLUDE_PATTERN))
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, collector);
        } finally {
            System.setOut(out);
            System.setErr(err);
            thread.setContextClassLoader(before);
        }
        return collector.byClass;
    }

    /** Gathers each check's outcome, with its class's display name; a class that could not start is one problem. */
    private static final class Collector implements TestExecutionListener {
        private final Map<String, List<CheckResult>> byClass = Collections.synchronizedMap(new LinkedHashMap<>());
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                add(id, CheckResult.Status.SKIPPED, reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Optional<Throwable> thrown = result.getThrowable();
            CheckResult.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> CheckResult.Status.PASSED;
                case ABORTED -> CheckResult.Status.SKIPPED;
                case FAILED -> thrown.filter(AssertionError.class::isInstance).isPresent() ? CheckResult.Status.FAILED
                        : CheckResult.Status.ERROR;
            };
            String message = thrown.map(t -> t.getMessage() != null ? t.getMessage() : t.toString()).orElse("");
            if (id.isTest()) {
                add(id, status, message);
            } else if (status.isProblem() && id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                add(id, status, id.getDisplayName() + " could not start: " + message);
            }
        }

        private void add(TestIdentifier id, CheckResult.Status status, String message) {
            String className = className(id.getSource());
            String suite = id.isTest() ? plan.getParent(id).map(TestIdentifier::getDisplayName).orElse(className)
                    : id.getDisplayName();
            String simple = className.substring(className.lastIndexOf('.') + 1).replaceFirst("\\$.*", "");
            byClass.computeIfAbsent(className.replaceFirst("\\$.*", ""), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new CheckResult(suite, id.getDisplayName(), status, message, simple));
        }

        private static String className(Optional<TestSource> source) {
            return source.map(s -> s instanceof MethodSource m ? m.getClassName()
                    : s instanceof ClassSource c ? c.getClassName() : "unknown").orElse("unknown");
        }
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
