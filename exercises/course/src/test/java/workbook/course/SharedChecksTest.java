package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedChecksTest {

    @TempDir
    Path exercises;

    @Test
    void aCheckClassGetsThePointsAndStepsOfTheSharedChecksItExtends() throws IOException {
        Path shared = exercises.resolve("testkit/src/main/java/workbook/tcp/UpperServerChecks.java");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, """
                public abstract class UpperServerChecks<S extends AutoCloseable> {
                    @Test
                    @Points(2)
                    @Tag("step:4")
                    @DisplayName("Step 4: a client that hangs up does not crash the server")
                    void survivesClientThatHangsUp() {
                    }
                }
                """);
        Path checks = exercises.resolve("lesson01/src/test/java/workbook/tcp");
        Files.createDirectories(checks);
        Files.writeString(checks.resolve("UpperServerTest.java"), """
                @LessonChecks
                @DisplayName("Lesson 01 · UpperServer")
                class UpperServerTest extends UpperServerChecks<UpperServer> {
                    @Test
                    @Tag("step:1")
                    @DisplayName("Step 1: its own check")
                    void own() {
                    }
                }
                """);
        // Lesson 05 runs such a subclass from inside one of its checks: not a check class of its own.
        Files.writeString(checks.resolve("FrameworkUpperServerChecks.java"),
                "public class FrameworkUpperServerChecks extends UpperServerChecks<TcpServer> {\n}\n");

        assertThat(Points.of(exercises.resolve("lesson01/src/test"))).containsOnly(
                java.util.Map.entry("Step 1: its own check", 1),
                java.util.Map.entry("Step 4: a client that hangs up does not crash the server", 2));
        assertThat(HintLadder.stepsByCheckClass(exercises.resolve("lesson01/src/test/java")))
                .containsOnlyKeys("UpperServerTest")
                .containsEntry("UpperServerTest", java.util.Set.of(1, 4));
    }
}
