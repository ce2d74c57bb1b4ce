package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorTest {

    @TempDir
    Path workbook;

    private Lesson lesson() {
        return new Lesson("lesson01", Fixtures.lesson(workbook, "lesson01", "TCP basics", null));
    }

    private void write(String side, String file, String text) throws Exception {
        Path root = side.equals("starter") ? workbook.resolve("exercises/lesson01/src/main/java")
                : workbook.resolve("solutions/lesson01/src/main/java");
        Path path = root.resolve("workbook/tcp").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void sameFilesIdenticalWhereTheStarterHasNoTodoKeepTheRule() throws Exception {
        write("starter", "AsciiUpper.java", "class AsciiUpper {}\n");
        write("solution", "AsciiUpper.java", "class AsciiUpper {}\n");
        write("starter", "UpperServer.java", "class UpperServer { /* TODO(step 3): loop */ }\n");
        write("solution", "UpperServer.java", "class UpperServer { /* the loop */ }\n");
        assertThat(Mirror.problems(lesson())).isEmpty();
    }

    @Test
    void aFileWithoutTodoThatDiffersFromTheSolutionBreaksTheRule() throws Exception {
        write("starter", "AsciiUpper.java", "class AsciiUpper {}\n");
        write("solution", "AsciiUpper.java", "class AsciiUpper {}\r\n");
        assertThat(Mirror.problems(lesson())).singleElement().asString()
                .contains("workbook/tcp/AsciiUpper.java has no TODO(step N) marker but differs");
    }

    @Test
    void aFileOnOneSideOnlyBreaksTheRule() throws Exception {
        write("starter", "UpperServer.java", "// TODO(step 1): x\n");
        write("solution", "UpperClient.java", "class UpperClient {}\n");
        assertThat(Mirror.problems(lesson())).hasSize(2)
                .anyMatch(p -> p.contains("workbook/tcp/UpperServer.java is in the starter but not in solutions/lesson01"))
                .anyMatch(p -> p.contains("workbook/tcp/UpperClient.java is in solutions/lesson01/src/main/java but not in the starter"));
    }

    @Test
    void aLessonWithoutASolutionBreaksTheRule() throws Exception {
        write("starter", "AsciiUpper.java", "class AsciiUpper {}\n");
        assertThat(Mirror.problems(lesson())).singleElement().asString().contains("there is no solutions/lesson01/src/main/java");
    }
}
