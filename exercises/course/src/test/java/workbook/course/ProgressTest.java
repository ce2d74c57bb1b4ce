package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    @TempDir
    Path workbook;

    private String table() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.print(Progress.rows(workbook.resolve("exercises")), "target/progress.log", Terminal.plain(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"); // println's line ends on Windows
    }

    @Test
    void showsEachLessonAndTheFirstFailingStepWithItsHint() throws Exception {
        Fixtures.lesson(workbook, "lesson01", "TCP basics", "starter-run");
        Fixtures.lesson(workbook, "lesson02", "Sticky packets", null);

        String table = table();

        assertThat(table).containsPattern("01  TCP basics +8/14 +\\[#######\\.\\.\\.\\.\\.\\]")
                .containsPattern("02  Sticky packets +- +did not run")
                .contains("Next: lesson 01, " + Fixtures.STEP_3)
                .contains("Wrong bytes for the reply to client 2")
                .contains("Hint:\n    Two loops, one inside the other.\n  More help: ./hint lesson01 3 (Windows: hint.cmd lesson01 3)")
                .doesNotContain("The connection loop goes round accept()")
                .contains("cd exercises && mvn test -pl lesson01");
    }

    @Test
    void theHintLevelsOpenedInALessonAreCounted() throws Exception {
        Path dir = Fixtures.lesson(workbook, "lesson01", "TCP basics", "starter-run");
        new Lesson("lesson01", dir).hintRecord().record("Step 3", java.util.Set.of(2, 3));
        new Lesson("lesson01", dir).hintRecord().record("Step 6 (UpperClientTest)", java.util.Set.of(2));

        assertThat(table()).containsPattern("01  TCP basics +8/14 +\\[#+\\.+\\]  hints opened: 3");
    }

    @Test
    void aFinishedLessonIsDoneAndTheNextOneIsPointedTo() throws Exception {
        Fixtures.lesson(workbook, "lesson01", "TCP basics", "solution-run");
        Fixtures.lesson(workbook, "lesson02", "Sticky packets", null);

        String table = table();

        assertThat(table).containsPattern("01  TCP basics +14/14 +done")
                .contains("Next: lesson 02 did not build or run");
    }

    @Test
    void everythingPassing() throws Exception {
        Fixtures.lesson(workbook, "lesson01", "TCP basics", "solution-run");
        assertThat(table()).contains("all lessons").contains("14/14").contains("Every check of every lesson passes");
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        assertThat(Progress.padded("粘包 ab", 10)).isEqualTo("粘包 ab   ");
        assertThat(Progress.padded("abc", 5)).isEqualTo("abc  ");
    }

    @Test
    void plainOutputHasNoColourCodes() throws Exception {
        Fixtures.lesson(workbook, "lesson01", "TCP basics", "starter-run");
        assertThat(table()).doesNotContain("\u001b[");
    }
}
