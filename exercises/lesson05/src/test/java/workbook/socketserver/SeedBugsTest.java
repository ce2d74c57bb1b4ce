package workbook.socketserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.LessonChecks;
import workbook.testkit.VirtualThreadWarmUp;

/**
 * The seed's misspelt handler, in Java: Python runs it and silently serves nobody; javac refuses it.
 * (The seed's other bug, a loop inside a UDP handler, is checked in UdpServerTest.)
 */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class) // the JVM's own virtual-thread threads are not the lesson's
@DisplayName("Lesson 05 · the seed's misspelt handler (step 1)")
class SeedBugsTest {

    /** Compiles one source file against the framework; returns javac's errors (empty: it compiled). */
    private static List<String> compile(String className, String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a Java compiler (run the checks on a JDK, not a JRE)").isNotNull();
        String framework = new File(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .getPath();
        Path out = Files.createTempDirectory("seed-bugs");
        try {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            javac.getTask(null, null, diagnostics, List.of("-classpath", framework, "-d", out.toString(), "-proc:none"),
                    null, List.of(file)).call();
            return diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ENGLISH)).collect(Collectors.toList());
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String handler(String className, String method) {
        return """
                import java.io.IOException;
                import java.net.Socket;
                import workbook.socketserver.RequestHandler;

                class %s extends RequestHandler<Socket> {
                    %s
                        request().getOutputStream().write("hi".getBytes());
                    }
                }
                """.formatted(className, method);
    }

    @Test
    @Tag("step:1")
    @Timeout(60) // three runs of javac in this JVM: tens of seconds on a busy machine, not a measure of anything
    @DisplayName("Step 1: a handler that spells handle() as handler(), as a seed does, does not compile")
    void misspeltHandleDoesNotCompile() throws Exception {
        assertThat(compile("RightHandler", handler("RightHandler",
                "@Override\n    protected void handle() throws IOException {")))
                .as("javac's errors for a correct handler (the control: it must compile)").isEmpty();
        assertThat(compile("SeedHandler", handler("SeedHandler",
                "protected void handler() throws IOException {")))
                .as("javac's errors for the seed's handler() without @Override: handle() is abstract, so it must be written")
                .anyMatch(e -> e.contains("does not override abstract method handle()"));
        assertThat(compile("SeedHandlerWithOverride", handler("SeedHandlerWithOverride",
                "@Override\n    protected void handler() throws IOException {")))
                .as("javac's errors for the seed's handler() with @Override")
                .anyMatch(e -> e.contains("does not override or implement a method from a supertype"));
    }
}
