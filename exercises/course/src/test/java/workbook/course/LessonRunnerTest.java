package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch's real runner on a tiny lesson: compiled and checked in this process, reloaded on every run. */
class LessonRunnerTest {

    private static final String CHECK = """
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Tag;
            import org.junit.jupiter.api.Test;

            @DisplayName("Lesson 99 · Greeter")
            class GreeterTest {
                @Test
                @Tag("step:1")
                @DisplayName("Step 1: greets")
                void greets() {
                    assertEquals("hello", Greeter.greet(), "the greeting");
                }
            }
            """;

    @TempDir
    Path lesson;

    private void greeter(String body) throws Exception {
        Path file = lesson.resolve("src/main/java/demo/Greeter.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package demo;\n\npublic class Greeter {\n" + body + "\n}\n");
    }

    /** The JUnit and opentest4j jars this test runs with: the lesson's "test classpath". */
    private static List<Path> classpath() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (Class<?> c : List.of(org.junit.jupiter.api.Test.class, org.opentest4j.AssertionFailedError.class,
                org.apiguardian.api.API.class, org.junit.platform.commons.util.ReflectionUtils.class)) {
            jars.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return jars;
    }

    @Test
    void eachRunCompilesAndChecksTheCodeAsSaved() throws Exception {
        Path check = lesson.resolve("src/test/java/demo/GreeterTest.java");
        Files.createDirectories(check.getParent());
        Files.writeString(check, CHECK);
        greeter("public static String greet() { return \"hello\"; }");
        LessonRunner runner = new LessonRunner(lesson, lesson.resolve("src/main/java"), classpath());

        Verdict passing = runner.check();
        assertThat(passing.compileErrors()).isEmpty();
        assertThat(passing.results()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Step 1: greets");
            assertThat(r.suite()).isEqualTo("Lesson 99 · Greeter");
            assertThat(r.checkClass()).isEqualTo("GreeterTest");
            assertThat(r.passed()).isTrue();
        });

        greeter("public static String greet() { return \"bye\"; }");
        Verdict failing = runner.check();
        assertThat(failing.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
            assertThat(r.message()).contains("the greeting").contains("hello").contains("bye");
        });
        assertThat(SurefireReports.read(lesson.resolve("target/surefire-reports"))).singleElement()
                .satisfies(r -> {
                    assertThat(r.name()).isEqualTo("Step 1: greets");
                    assertThat(r.checkClass()).isEqualTo("GreeterTest");
                    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
                    assertThat(r.message()).contains("the greeting");
                });

        greeter("public static String greet() { return \"hello\" }");
        Verdict broken = runner.check();
        assertThat(broken.results()).isEmpty();
        assertThat(broken.compileErrors()).singleElement().asString().startsWith("Greeter.java:4: ")
                .contains("';' expected").contains("return \"hello\" }");
    }
}
